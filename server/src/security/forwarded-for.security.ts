// Issue #20 point 3, replayed: a client that names its own address with X-Forwarded-For.
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema.ts';
import { createTestDesk, DEMO_PASSWORDS, type TestDesk } from '../testing/harness.ts';
import { attacker, sessionOf } from './attack-kit.ts';

// One desk behind a proxy range (two desks take too long on a busy machine): clients outside
// the range are direct clients, as every client is with TRUSTED_PROXIES unset (the default, which
// identity/auth.test.ts and config/trusted-proxies.test.ts check).
let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk({ TRUSTED_PROXIES: '10.20.0.0/16, 10.30.0.1' });
}, 120_000);
afterAll(async () => {
  await desk?.close();
});

async function signInAndLook(desk: TestDesk, remoteAddress: string, forwardedFor: string) {
  const { email, password } = DEMO_PASSWORDS.lin;
  const res = await attacker(desk).signIn(email, password, remoteAddress, {
    'x-forwarded-for': forwardedFor,
  });
  expect(res.statusCode).toBe(200);
  const session = sessionOf(res);
  const list = await desk.app.inject({
    method: 'GET',
    url: '/api/v1/auth/sessions',
    remoteAddress,
    headers: session.read,
  });
  const current = (list.json().items as Array<{ current: boolean; ip: string }>).find((s) => s.current)!;
  const agentId = (res.json() as { agent: { id: string } }).agent.id;
  const [entry] = await desk.services.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'sign_in'), eq(auditLog.actorId, agentId)))
    .orderBy(desc(auditLog.at))
    .limit(1);
  return { sessionIp: current.ip, auditIp: entry?.ip };
}

describe('point 3: forwarded headers are believed only from configured proxies', () => {
  it("a direct client's session list and the audit log record the connecting address", async () => {
    const seen = await signInAndLook(desk, '203.0.113.50', '1.2.3.4');
    expect(seen).toEqual({ sessionIp: '203.0.113.50', auditIp: '203.0.113.50' });
  });

  it('a new X-Forwarded-For on every guess does not escape the per-address limit', async () => {
    const { signIn } = attacker(desk);
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await signIn(`nobody${i}@lumen-exchange.example`, 'x', '203.0.113.51', {
        'x-forwarded-for': `100.64.${i}.1`,
      });
      codes.push(res.statusCode);
    }
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
  });

  it('behind a configured proxy the forwarded address is used; from anyone else it is ignored', async () => {
    expect(await signInAndLook(desk, '10.30.0.1', '198.51.100.200')).toEqual({
      sessionIp: '198.51.100.200',
      auditIp: '198.51.100.200',
    });
    expect(await signInAndLook(desk, '10.20.3.4', '198.51.100.201')).toMatchObject({
      sessionIp: '198.51.100.201',
    });
    // A client that is not a proxy cannot pass itself off through the header.
    expect(await signInAndLook(desk, '203.0.113.77', '198.51.100.202')).toEqual({
      sessionIp: '203.0.113.77',
      auditIp: '203.0.113.77',
    });
    // Nor can it hide behind a forged chain that ends in a proxy's address.
    expect(await signInAndLook(desk, '203.0.113.78', '198.51.100.203, 10.30.0.1')).toMatchObject({
      sessionIp: '203.0.113.78',
    });
  });
});
