import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { verifyPassword } from './passwords.ts';
import { agentActor } from './present-agent.ts';
import { requireAgent } from './principal.ts';
import { passwordKeys, reauthenticate } from './reauth.ts';
import { agents, recoveryCodes } from './schema.ts';
import { notifySecurityChange } from './security-notice.ts';
import { forgetAgentSessions, revokeOtherSessions } from './sessions.ts';
import { claimAttempt, forgiveAttempt } from './throttle.ts';
import { newRecoveryCodes, newTotpSecret, provisioningUri, verifyTotp } from './totp.ts';
import { readTwoFactorRule } from './two-factor-rule.ts';

/** An enrolment not confirmed within this time must be started again. */
const ENROLMENT_MS = 10 * 60_000;

const Password = Type.String({ minLength: 1, maxLength: 1024 });
const CurrentCode = Type.String({ minLength: 6, maxLength: 20 });

/**
 * Two-factor sign-in (TOTP): enrol, confirm with recovery codes shown once, new recovery codes,
 * turn off. A session alone changes nothing: each step asks again for the password, and for the
 * current second factor (a code or a recovery code) when one is set (reauth.ts); the agent is told
 * by mail of every change (security-notice.ts).
 */
export function registerTwoFactorRoutes(app: App, { db, config }: Services) {
  const tags = ['auth'];
  const loadAgent = async (id: string) => {
    const [agent] = await db.select().from(agents).where(eq(agents.id, id));
    if (!agent) throw new AppError('unauthenticated');
    return agent;
  };

  app.post(
    '/auth/2fa/enrol',
    {
      schema: {
        tags,
        summary: 'Start two-factor enrolment (needs the password, and the current code when 2FA is on)',
        body: Type.Object(
          { password: Password, code: Type.Optional(CurrentCode) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const agent = await loadAgent(me.agentId);
      await reauthenticate(db, request, config.appSecret, agent, request.body);
      const secret = newTotpSecret();
      await db
        .update(agents)
        .set({ totpPendingSecret: secret, totpPendingAt: new Date() })
        .where(eq(agents.id, me.agentId));
      return { secret, uri: provisioningUri(secret, agent.email, 'Kefu') };
    },
  );

  app.post(
    '/auth/2fa/confirm',
    {
      schema: {
        tags,
        summary:
          'Confirm enrolment with the password and a code of the new secret; returns ten recovery codes, shown once',
        body: Type.Object(
          { password: Password, code: Type.String({ minLength: 6, maxLength: 10 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const agent = await loadAgent(me.agentId);
      const pendingAt = agent.totpPendingAt?.getTime() ?? 0;
      if (!agent.totpPendingSecret || Date.now() - pendingAt > ENROLMENT_MS)
        throw new AppError('conflict', { detail: 'no enrolment in progress' });
      const keys = passwordKeys(request, config.appSecret, agent.email);
      await claimAttempt(db, keys);
      if (!(await verifyPassword(agent.passwordHash, request.body.password)))
        throw new AppError('invalid_credentials');
      await forgiveAttempt(db, keys);
      const step = verifyTotp(agent.totpPendingSecret, request.body.code);
      if (step === null) throw new AppError('invalid_totp');
      const { codes, hashes } = newRecoveryCodes();
      await db.transaction(async (tx) => {
        await tx
          .update(agents)
          .set({
            totpSecret: agent.totpPendingSecret,
            totpPendingSecret: null,
            totpPendingAt: null,
            totpLastStep: step,
          })
          .where(eq(agents.id, agent.id));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.agentId, agent.id));
        await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ agentId: agent.id, codeHash })));
        await revokeOtherSessions(tx, me.agentId, me.sessionId);
        await audit(tx, { ...agentActor(me.agentId, request), action: '2fa.enable' });
        await notifySecurityChange(tx, agent, '2fa.enable', request);
      });
      forgetAgentSessions(db);
      return { recoveryCodes: codes };
    },
  );

  app.post(
    '/auth/2fa/recovery-codes',
    {
      schema: {
        tags,
        summary: 'New recovery codes (needs the password and a current code); the old ones stop working',
        body: Type.Object({ password: Password, code: CurrentCode }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const agent = await loadAgent(me.agentId);
      if (!agent.totpSecret) throw new AppError('conflict', { detail: 'two-factor is not on' });
      await reauthenticate(db, request, config.appSecret, agent, request.body);
      const { codes, hashes } = newRecoveryCodes();
      await db.transaction(async (tx) => {
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.agentId, agent.id));
        await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ agentId: agent.id, codeHash })));
        await audit(tx, { ...agentActor(me.agentId, request), action: '2fa.recovery_codes' });
        await notifySecurityChange(tx, agent, '2fa.recovery_codes', request);
      });
      return { recoveryCodes: codes };
    },
  );

  app.post(
    '/auth/2fa/disable',
    {
      schema: {
        tags,
        summary: 'Turn two-factor off (needs the password and a current code)',
        body: Type.Object({ password: Password, code: CurrentCode }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const agent = await loadAgent(me.agentId);
      if (!agent.totpSecret) throw new AppError('conflict', { detail: 'two-factor is not on' });
      // Under the admins' rule two-factor stays on (an admin may still reset it for a lost phone).
      if ((await readTwoFactorRule(db)).roles.includes(me.role))
        throw new AppError('two_factor_required_by_rule');
      await reauthenticate(db, request, config.appSecret, agent, request.body);
      await db.transaction(async (tx) => {
        await tx
          .update(agents)
          .set({ totpSecret: null, totpLastStep: null, totpPendingSecret: null, totpPendingAt: null })
          .where(eq(agents.id, agent.id));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.agentId, agent.id));
        await audit(tx, { ...agentActor(me.agentId, request), action: '2fa.disable' });
        await notifySecurityChange(tx, agent, '2fa.disable', request);
      });
      // The session says whether its agent has a second factor (the admins' rule reads it).
      forgetAgentSessions(db);
      return { ok: true };
    },
  );
}
