// Issue #20 points 6 and 16, replayed: identity tokens issued "in the future" or replayed, and
// visitor sessions made without limit.
import { eq, inArray, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../customers/schema.ts';
import { sweepUnusedVisitors } from '../customers/visitors.ts';
import { customerSessions } from '../identity/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
let key: Uint8Array;
beforeAll(async () => {
  desk = await createTestDesk();
  key = new TextEncoder().encode((desk.config.customerJwt as { secret: string }).secret);
});
afterAll(async () => {
  await desk?.close();
});

const now = () => Math.floor(Date.now() / 1000);
const sign = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);
const openSession = (identityToken?: string, remoteAddress = '127.0.0.1') =>
  desk.app.inject({
    method: 'POST',
    url: '/api/v1/customer/session',
    remoteAddress,
    payload: identityToken ? { identityToken } : {},
  });

describe('point 6: identity tokens are bounded by the server clock and used once', () => {
  it('refuses a token issued ten hours in the future that would live eleven hours', async () => {
    const iat = now() + 10 * 3600;
    const res = await openSession(await sign({ uid: 'u-future', iat, exp: iat + 3600 }));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_identity_token');
  });

  it('measures the hour from now when iat is ahead within the skew', async () => {
    expect(
      (await openSession(await sign({ uid: 'u-skew', iat: now() + 20, exp: now() + 3000 }))).statusCode,
    ).toBe(201);
    // Within the skew, but the expiry is over an hour from now.
    const late = await openSession(await sign({ uid: 'u-skew', iat: now() + 20, exp: now() + 3600 + 25 }));
    expect(late.statusCode).toBe(401);
  });

  it('opens one session per jti: a replayed token is refused', async () => {
    const token = await sign({ uid: 'u-jti', jti: 'host-app-7f3a', iat: now(), exp: now() + 300 });
    expect((await openSession(token)).statusCode).toBe(201);
    const replay = await openSession(token);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('invalid_identity_token');
    // Another token with its own jti goes through.
    expect(
      (await openSession(await sign({ uid: 'u-jti', jti: 'host-app-7f3b', iat: now(), exp: now() + 300 })))
        .statusCode,
    ).toBe(201);
  });
});

describe('point 16: visitor sessions are rate-limited and unused ones expire', () => {
  it('limits new visitor sessions per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 60; i++) codes.push((await openSession(undefined, '203.0.113.90')).statusCode);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(30);
    expect(codes.filter((c) => c === 201).length).toBeGreaterThan(0);
    const limited = await openSession(undefined, '203.0.113.90');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected; signed-in customers are not limited by it.
    expect((await openSession(undefined, '203.0.113.91')).statusCode).toBe(201);
    expect((await openSession(await desk.identityToken('u-after-flood'), '203.0.113.90')).statusCode).toBe(
      201,
    );
  });

  it('sweeps visitors that never used their session; keeps those that did', async () => {
    const idle = (await openSession(undefined, '203.0.113.92')).json();
    const used = (await openSession(undefined, '203.0.113.93')).json();
    const ticket = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { authorization: `Bearer ${used.token}` },
      payload: { title: 'A question', description: 'Asked as a visitor' },
    });
    expect(ticket.statusCode).toBe(201);
    const ids = [idle.customer.id, used.customer.id];
    await desk.services.db
      .update(customers)
      .set({ createdAt: sql`now() - interval '3 hours'` })
      .where(inArray(customers.id, ids));
    await desk.services.db
      .update(customerSessions)
      .set({ createdAt: sql`now() - interval '3 hours'` })
      .where(inArray(customerSessions.customerId, ids));
    await sweepUnusedVisitors(desk.services.db);
    const left = await desk.services.db
      .select({ id: customers.id })
      .from(customers)
      .where(inArray(customers.id, ids));
    expect(left.map((c) => c.id)).toEqual([used.customer.id]);
    const sessions = await desk.services.db
      .select()
      .from(customerSessions)
      .where(eq(customerSessions.customerId, idle.customer.id));
    expect(sessions).toHaveLength(0);
  });
});
