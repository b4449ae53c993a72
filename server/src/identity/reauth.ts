import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import { isKnownDevice } from './device.ts';
import { verifyPassword } from './passwords.ts';
import type { agents } from './schema.ts';
import { acceptSecondFactor } from './second-factor.ts';
import { accountKey, addressKey, claimAttempt, forgiveAttempt, type LimitKey, pairKey } from './throttle.ts';

/** The scopes a password attempt for `email` from this request counts in (see throttle.ts). */
export function passwordKeys(request: FastifyRequest, appSecret: string, email: string): LimitKey[] {
  const keys = [addressKey(request.ip), pairKey(email, request.ip)];
  if (!isKnownDevice(request, appSecret, email)) keys.push(accountKey(email));
  return keys;
}

/**
 * Asks a signed-in agent again for what only they should know before a sensitive change: the
 * password, and the current second factor (a TOTP or recovery code) when one is set. Both go
 * through the same throttles as sign-in, so a stolen session cannot guess them either.
 */
export async function reauthenticate(
  db: Db,
  request: FastifyRequest,
  appSecret: string,
  agent: typeof agents.$inferSelect,
  proof: { password: string; code?: string | undefined },
): Promise<'totp' | 'recovery' | null> {
  const keys = passwordKeys(request, appSecret, agent.email);
  await claimAttempt(db, keys);
  if (!(await verifyPassword(agent.passwordHash, proof.password))) throw new AppError('invalid_credentials');
  await forgiveAttempt(db, keys);
  if (!agent.totpSecret) return null;
  if (!proof.code) throw new AppError('totp_required');
  const accepted = await acceptSecondFactor(db, agent, proof.code);
  if (!accepted) throw new AppError('invalid_totp');
  return accepted;
}
