import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';
import type { ApiScope } from './principal.ts';

let desk: TestDesk;
let teamId: string;
let categoryId: string;
beforeAll(async () => {
  desk = await createTestDesk();
  const admin = await desk.signIn('admin');
  teamId = (await desk.app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.read })).json()
    .items[0].id;
  categoryId = (await desk.app.inject({ method: 'GET', url: '/api/v1/categories' })).json().items[0].id;
});
afterAll(async () => {
  await desk?.close();
});

let n = 0;
/** Admin-only routes, with bodies valid enough that only the caller decides the answer. */
const adminRoutes = (): Array<InjectOptions & { ok: number }> => {
  n++;
  return [
    { method: 'GET', url: '/api/v1/admin/api-tokens', ok: 200 },
    {
      method: 'POST',
      url: '/api/v1/admin/api-tokens',
      payload: { name: `t${n}`, scopes: ['tickets:read'] },
      ok: 201,
    },
    { method: 'GET', url: '/api/v1/admin/audit-log', ok: 200 },
    {
      method: 'POST',
      url: '/api/v1/admin/agents',
      payload: {
        email: `new${n}@lumen-exchange.example`,
        name: 'New',
        password: 'long-enough-password',
        role: 'agent',
      },
      ok: 201,
    },
    {
      method: 'POST',
      url: '/api/v1/admin/teams',
      payload: { code: `team${n}`, nameZh: '组', nameEn: 'Team' },
      ok: 201,
    },
    {
      method: 'POST',
      url: '/api/v1/admin/categories',
      payload: {
        code: `cat${n}`,
        nameZh: '类',
        nameEn: 'Cat',
        teamId,
        defaultPriority: 'normal',
        customerMayPrioritise: false,
        form: { fields: [] },
        position: 99,
        active: true,
      },
      ok: 201,
    },
    { method: 'PATCH', url: `/api/v1/admin/categories/${categoryId}`, payload: { position: 1 }, ok: 200 },
    { method: 'PATCH', url: `/api/v1/admin/teams/${teamId}`, payload: { queueLimit: 50 + n }, ok: 200 },
  ];
};

/** The admin console's read-only views a supervisor gets too. */
const supervisorRoutes: InjectOptions[] = [
  { method: 'GET', url: '/api/v1/admin/categories' },
  { method: 'GET', url: '/api/v1/admin/customer-restrictions' },
  { method: 'GET', url: '/api/v1/admin/customers/lookup?q=10000001' },
];

/** Routes every agent may use; API tokens need the scope. */
const staffRoutes = (): Array<InjectOptions & { scope: ApiScope; ok: number }> => [
  { method: 'GET', url: '/api/v1/tickets', scope: 'tickets:read', ok: 200 },
  { method: 'GET', url: '/api/v1/tickets/KF-000100', scope: 'tickets:read', ok: 200 },
  {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { title: 'by staff', description: 'opened for a customer', customer: { uid: 'u-roles' } },
    scope: 'tickets:write',
    ok: 201,
  },
  {
    method: 'POST',
    url: '/api/v1/tickets/KF-000101/messages',
    payload: { body: 'note', visibility: 'internal' },
    scope: 'tickets:write',
    ok: 201,
  },
  {
    method: 'PATCH',
    url: '/api/v1/tickets/KF-000101',
    payload: { tags: ['roles'] },
    scope: 'tickets:write',
    ok: 200,
  },
];

const customerRoutes: InjectOptions[] = [
  { method: 'GET', url: '/api/v1/me' },
  { method: 'GET', url: '/api/v1/me/tickets' },
  { method: 'POST', url: '/api/v1/me/tickets', payload: { title: 't', description: 'd' } },
  { method: 'GET', url: '/api/v1/me/inbox' },
  { method: 'POST', url: '/api/v1/me/inbox/read-all' },
];

const label = (r: InjectOptions) => `${r.method} ${r.url}`;

describe('roles on every route', () => {
  it('admin routes: admin yes; supervisor, agent, customers and tokens no; anonymous 401', async () => {
    const who: Record<string, AgentAuth> = {
      agent: await desk.signIn('lin'),
      supervisor: await desk.signIn('supervisor'),
    };
    const customer = await desk.customer('u-roles-c');
    const adminToken = await desk.apiToken(['admin']);
    for (const { ok: _ok, ...route } of adminRoutes()) {
      for (const [role, auth] of Object.entries(who)) {
        const res = await desk.app.inject({ ...route, headers: auth.write });
        expect(res.statusCode, `${role} ${label(route)}`).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
      expect((await desk.app.inject({ ...route, headers: customer.headers })).statusCode, label(route)).toBe(
        403,
      );
      expect((await desk.app.inject({ ...route, headers: adminToken })).statusCode, label(route)).toBe(403);
      expect((await desk.app.inject(route)).statusCode, label(route)).toBe(401);
    }
    const admin = await desk.signIn('admin');
    for (const { ok, ...route } of adminRoutes()) {
      const res = await desk.app.inject({ ...route, headers: admin.write });
      expect(res.statusCode, `admin ${label(route)} ${res.body}`).toBe(ok);
    }
  });

  it('supervisor views: supervisor and admin yes; agent, customers and tokens no; anonymous 401', async () => {
    const agent = await desk.signIn('lin');
    const customer = await desk.customer('u-roles-s');
    const adminToken = await desk.apiToken(['admin']);
    for (const route of supervisorRoutes) {
      for (const who of ['supervisor', 'admin'] as const) {
        const auth = await desk.signIn(who);
        expect(
          (await desk.app.inject({ ...route, headers: auth.read })).statusCode,
          `${who} ${label(route)}`,
        ).toBe(200);
      }
      expect((await desk.app.inject({ ...route, headers: agent.read })).statusCode, label(route)).toBe(403);
      expect((await desk.app.inject({ ...route, headers: customer.headers })).statusCode, label(route)).toBe(
        403,
      );
      expect((await desk.app.inject({ ...route, headers: adminToken })).statusCode, label(route)).toBe(403);
      expect((await desk.app.inject(route)).statusCode, label(route)).toBe(401);
    }
  });

  it('ticket routes: any agent; tokens only with the scope (or admin); customers and anonymous no', async () => {
    for (const who of ['lin', 'supervisor', 'admin'] as const) {
      const auth = await desk.signIn(who);
      for (const { ok, scope: _s, ...route } of staffRoutes()) {
        const res = await desk.app.inject({ ...route, headers: auth.write });
        expect(res.statusCode, `${who} ${label(route)} ${res.body}`).toBe(ok);
      }
    }
    const customer = await desk.customer('u-roles-c2');
    for (const { scope, ok, ...route } of staffRoutes()) {
      const other: ApiScope = scope === 'tickets:read' ? 'tickets:write' : 'tickets:read';
      const without = await desk.app.inject({
        ...route,
        headers: await desk.apiToken([other, 'customers:read']),
      });
      expect(without.statusCode, `without ${scope}: ${label(route)}`).toBe(403);
      expect(without.json().error.code).toBe('insufficient_scope');
      const withScope = await desk.app.inject({ ...route, headers: await desk.apiToken([scope]) });
      expect(withScope.statusCode, `with ${scope}: ${label(route)} ${withScope.body}`).toBe(ok);
      const admin = await desk.app.inject({ ...route, headers: await desk.apiToken(['admin']) });
      expect(admin.statusCode, `admin scope: ${label(route)}`).toBe(ok);
      expect((await desk.app.inject({ ...route, headers: customer.headers })).statusCode, label(route)).toBe(
        403,
      );
      expect((await desk.app.inject(route)).statusCode, label(route)).toBe(401);
    }
  });

  it('customer routes: customers only', async () => {
    const agent = await desk.signIn('lin');
    const token = await desk.apiToken(['admin']);
    for (const route of customerRoutes) {
      expect((await desk.app.inject({ ...route, headers: agent.write })).statusCode, label(route)).toBe(403);
      expect((await desk.app.inject({ ...route, headers: token })).statusCode, label(route)).toBe(403);
      expect((await desk.app.inject(route)).statusCode, label(route)).toBe(401);
    }
  });

  it('desk routes: agents read teams and agents; uploads need tickets:write on a token', async () => {
    const customer = await desk.customer('u-roles-c3');
    for (const url of ['/api/v1/teams', '/api/v1/agents']) {
      expect(
        (await desk.app.inject({ method: 'GET', url, headers: (await desk.signIn('lin')).read })).statusCode,
      ).toBe(200);
      expect((await desk.app.inject({ method: 'GET', url, headers: customer.headers })).statusCode).toBe(403);
      expect((await desk.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    expect((await desk.app.inject({ method: 'GET', url: '/api/v1/categories' })).statusCode).toBe(200);
    const upload = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: {
        ...(await desk.apiToken(['tickets:read'])),
        'content-type': 'multipart/form-data; boundary=x',
      },
      payload: '--x--\r\n',
    });
    expect(upload.statusCode).toBe(403);
    const revoked = await desk.apiToken(['tickets:read']);
    const admin = await desk.signIn('admin');
    const list = (
      await desk.app.inject({ method: 'GET', url: '/api/v1/admin/api-tokens', headers: admin.read })
    ).json();
    const prefix = revoked.authorization.slice(7, 17);
    const id = (list.items as Array<{ id: string; prefix: string }>).find((t) => t.prefix === prefix)!.id;
    expect(
      (
        await desk.app.inject({
          method: 'DELETE',
          url: `/api/v1/admin/api-tokens/${id}`,
          headers: admin.write,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await desk.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: revoked })).statusCode,
    ).toBe(401);
  });
});
