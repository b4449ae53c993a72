import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres } from '../db/client.ts';
import { createTestDesk, DEMO_PASSWORDS, openTestDatabase, type TestDesk } from '../testing/harness.ts';

/**
 * Each node keeps an agent's session for a few seconds (identity/sessions.ts). Whatever ends or
 * narrows a session must still take effect on the very next request: on this node at once, on the
 * others as soon as Redis carries the forget — well inside the copy's own lifetime.
 */
const me = (desk: TestDesk, headers: Record<string, string>) =>
  desk.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers }).then((r) => r.statusCode);
const auditLog = (desk: TestDesk, headers: Record<string, string>) =>
  desk.app.inject({ method: 'GET', url: '/api/v1/admin/audit-log', headers }).then((r) => r.statusCode);
const patchAgent = (desk: TestDesk, headers: Record<string, string>, id: string, body: object) =>
  desk.app.inject({ method: 'PATCH', url: `/api/v1/admin/agents/${id}`, headers, payload: body });

describe('agent sessions kept per node', () => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await createTestDesk();
  });
  afterAll(() => desk.close());

  it('a sign-out, a revoked session, a disable and a role change count on the next request', async () => {
    const admin = await desk.signIn('admin');
    const lin = await desk.signIn('lin');
    expect(await me(desk, lin.read)).toBe(200); // now kept by this node

    const out = await desk.signIn('lin');
    expect(await me(desk, out.read)).toBe(200);
    await desk.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: out.write });
    expect(await me(desk, out.read)).toBe(401);

    expect((await patchAgent(desk, admin.write, lin.agentId, { role: 'admin' })).statusCode).toBe(200);
    expect(await auditLog(desk, lin.read)).toBe(200);
    expect((await patchAgent(desk, admin.write, lin.agentId, { role: 'agent' })).statusCode).toBe(200);
    expect(await auditLog(desk, lin.read)).toBe(403);

    expect((await patchAgent(desk, admin.write, lin.agentId, { disabled: true })).statusCode).toBe(200);
    expect(await me(desk, lin.read)).toBe(401);
    expect((await patchAgent(desk, admin.write, lin.agentId, { disabled: false })).statusCode).toBe(200);
  });

  it('a password change ends the other sessions at once', async () => {
    const a = await desk.signIn('maya');
    const b = await desk.signIn('maya');
    expect([await me(desk, a.read), await me(desk, b.read)]).toEqual([200, 200]);
    const change = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: a.write,
      payload: { currentPassword: DEMO_PASSWORDS.maya.password, newPassword: 'a-new-long-password-42' },
    });
    expect(change.statusCode).toBe(200);
    expect([await me(desk, a.read), await me(desk, b.read)]).toEqual([200, 401]);
  });
});

const DB_URL = process.env.KEFU_TEST_DATABASE_URL;
const REDIS_URL = process.env.KEFU_TEST_REDIS_URL;

describe.skipIf(!DB_URL || !REDIS_URL)(
  'agent sessions kept on two nodes (KEFU_TEST_DATABASE_URL, KEFU_TEST_REDIS_URL)',
  () => {
    const nodes: TestDesk[] = [];
    const pools: Database[] = [];
    let drop = async () => {};
    beforeAll(async () => {
      const shared = await openTestDatabase();
      if (shared.database.kind !== 'postgres') throw new Error('needs PostgreSQL');
      const url = shared.database.url;
      drop = async () => {
        await shared.database.close();
        await shared.drop();
      };
      for (let i = 0; i < 2; i++) {
        // Each node its own pool, hence its own per-node cache (the cache is per database handle).
        const database = await openPostgres(url, 3);
        pools.push(database);
        nodes.push(await createTestDesk({ REDIS_URL: REDIS_URL! }, { database }));
      }
    });
    afterAll(async () => {
      for (const n of nodes) await n.close().catch(() => {});
      for (const p of pools) await p.close().catch(() => {});
      await drop();
    });

    /**
     * The other node must refuse within a fraction of the copy's 5 s: the forget over Redis, not the
     * copy's age, ends it. Polled every 20 ms for at most one second.
     */
    async function answersSoon(check: () => Promise<number>, status: number) {
      const started = Date.now();
      for (;;) {
        if ((await check()) === status) return Date.now() - started;
        if (Date.now() - started > 1000) throw new Error('the other node still served the session after 1 s');
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    it('a sign-out, a disable and a demotion on one node hold on the other', async () => {
      const [a, b] = nodes as [TestDesk, TestDesk];
      const admin = await a.signIn('admin');
      const lin = await a.signIn('lin');
      expect([await me(a, lin.read), await me(b, lin.read)]).toEqual([200, 200]); // kept by both

      const out = await a.signIn('chen');
      expect(await me(b, out.read)).toBe(200);
      await a.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: out.write });
      expect(await answersSoon(() => me(b, out.read), 401)).toBeLessThan(1000);

      expect((await patchAgent(a, admin.write, lin.agentId, { role: 'admin' })).statusCode).toBe(200);
      expect(await answersSoon(() => auditLog(b, lin.read), 200)).toBeLessThan(1000);
      expect((await patchAgent(a, admin.write, lin.agentId, { role: 'agent' })).statusCode).toBe(200);
      expect(await answersSoon(() => auditLog(b, lin.read), 403)).toBeLessThan(1000);

      expect((await patchAgent(a, admin.write, lin.agentId, { disabled: true })).statusCode).toBe(200);
      expect(await answersSoon(() => me(b, lin.read), 401)).toBeLessThan(1000);
    });
  },
);
