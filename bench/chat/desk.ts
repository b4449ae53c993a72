// What both chat benches do to a fresh demo desk before measuring: the account team's two agents
// signed in, and customers' sessions from identity tokens the host app would sign.
import { SignJWT } from 'jose';
import type pg from 'pg';
import { pool } from './stats.ts';

/** The demo desk's agents of the account team (demo passwords, see server/src/demo/seed.ts). */
export const DEMO_AGENTS = {
  chen: { email: 'chen@lumen-exchange.example', password: 'kefu-demo-agent' },
  supervisor: { email: 'supervisor@lumen-exchange.example', password: 'kefu-demo-supervisor' },
} as const;
export const JWT_SECRET = 'bench-customer-jwt-secret-0123456789abcdef';

/** Lets each agent take every chat (the benches measure messages, not the queue); the category id. */
export async function prepareDesk(db: pg.Pool, capacity: number): Promise<string> {
  await db.query('update agents set chat_capacity = $1 where email in ($2, $3)', [
    capacity,
    DEMO_AGENTS.chen.email,
    DEMO_AGENTS.supervisor.email,
  ]);
  return (await db.query(`select id from categories where code = 'account'`)).rows[0].id as string;
}

export async function signInAgent(
  address: string,
  who: keyof typeof DEMO_AGENTS,
): Promise<{ cookie: string; agentId: string; csrf: string }> {
  const res = await fetch(`${address}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_AGENTS[who]),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('kefu_session='))!
    .split(';')[0]!;
  const body = (await res.json()) as { agent: { id: string }; csrfToken: string };
  return { cookie, agentId: body.agent.id, csrf: body.csrfToken };
}

/** n customers' session tokens, uids `${prefix}-0` …, twenty sign-ins at a time. */
export async function customerTokens(address: string, n: number, prefix: string): Promise<string[]> {
  const secret = new TextEncoder().encode(JWT_SECRET);
  return pool(n, 20, async (i) => {
    const identityToken = await new SignJWT({ uid: `${prefix}-${i}` })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    const res = await fetch(`${address}/api/v1/customer/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identityToken }),
    });
    return ((await res.json()) as { token: string }).token;
  });
}
