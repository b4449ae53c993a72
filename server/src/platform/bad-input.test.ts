import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
let as: Record<'admin' | 'agent' | 'customer' | 'none', Record<string, string>>;
let agentId: string;
let categoryId: string;
beforeAll(async () => {
  desk = await createTestDesk();
  const admin = await desk.signIn('admin');
  const lin = await desk.signIn('lin');
  agentId = lin.agentId;
  as = {
    admin: admin.write,
    agent: lin.write,
    customer: (await desk.customer('u-bad-input')).headers,
    none: {},
  };
  categoryId = (await desk.app.inject({ method: 'GET', url: '/api/v1/categories' })).json().items[0].id;
});
afterAll(async () => {
  await desk?.close();
});

interface WriteRoute {
  method: 'POST' | 'PATCH';
  url: string;
  who: keyof typeof as;
  /** A body whose only fault is a wrong type (e.g. a number for a string). */
  wrongType: unknown;
}

const writeRoutes = (): WriteRoute[] => [
  { method: 'POST', url: '/api/v1/auth/sign-in', who: 'none', wrongType: { email: 12345, password: 'x' } },
  {
    method: 'POST',
    url: '/api/v1/auth/password',
    who: 'agent',
    wrongType: { currentPassword: 1, newPassword: 2 },
  },
  { method: 'POST', url: '/api/v1/auth/2fa/confirm', who: 'agent', wrongType: { code: 123456 } },
  {
    method: 'POST',
    url: '/api/v1/auth/2fa/disable',
    who: 'agent',
    wrongType: { password: true, code: '123456' },
  },
  { method: 'POST', url: '/api/v1/customer/session', who: 'none', wrongType: { identityToken: 42 } },
  { method: 'POST', url: '/api/v1/me/tickets', who: 'customer', wrongType: { title: 5, description: 'd' } },
  {
    method: 'POST',
    url: '/api/v1/me/tickets/KF-000100/messages',
    who: 'customer',
    wrongType: { body: ['a'] },
  },
  { method: 'POST', url: '/api/v1/me/tickets/KF-000100/status', who: 'customer', wrongType: { status: 3 } },
  {
    method: 'POST',
    url: '/api/v1/tickets',
    who: 'agent',
    wrongType: { title: 't', description: 'd', customer: { uid: 7 } },
  },
  {
    method: 'POST',
    url: '/api/v1/tickets/KF-000100/messages',
    who: 'agent',
    wrongType: { body: 'b', visibility: 1 },
  },
  { method: 'PATCH', url: '/api/v1/tickets/KF-000100', who: 'agent', wrongType: { priority: 2 } },
  {
    method: 'POST',
    url: '/api/v1/admin/agents',
    who: 'admin',
    wrongType: { email: 'a@lumen-exchange.example', name: 1, password: 'long-enough-pass', role: 'agent' },
  },
  {
    method: 'PATCH',
    url: `/api/v1/admin/agents/${'00000000-0000-4000-8000-000000000001'}`,
    who: 'admin',
    wrongType: { chatCapacity: 'ten' },
  },
  {
    method: 'POST',
    url: '/api/v1/admin/api-tokens',
    who: 'admin',
    wrongType: { name: 'n', scopes: 'tickets:read' },
  },
  {
    method: 'POST',
    url: '/api/v1/admin/teams',
    who: 'admin',
    wrongType: { code: 'abc', nameZh: 1, nameEn: 'x' },
  },
  { method: 'POST', url: '/api/v1/admin/categories', who: 'admin', wrongType: { code: 'abc', nameZh: 1 } },
  {
    method: 'PATCH',
    url: `/api/v1/admin/categories/${'00000000-0000-4000-8000-000000000001'}`,
    who: 'admin',
    wrongType: { active: 'yes' },
  },
];

function expectClientError(
  res: Awaited<ReturnType<TestDesk['app']['inject']>>,
  where: string,
  status?: number,
) {
  expect(res.statusCode, `${where}: ${res.body}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${where}: ${res.body}`).toBeLessThan(500);
  if (status) expect(res.statusCode, `${where}: ${res.body}`).toBe(status);
  const body = res.json();
  expect(Object.keys(body), where).toEqual(['error']);
  expect(typeof body.error.code, where).toBe('string');
  expect(typeof body.error.message, where).toBe('string');
  return body.error as { code: string; message: string };
}

describe('bad input on every write route is a 4xx with the one error shape', () => {
  it('oversized body → 413', async () => {
    for (const r of writeRoutes()) {
      const res = await desk.app.inject({
        method: r.method,
        url: r.url,
        headers: { ...as[r.who], 'content-type': 'application/json', 'accept-language': 'en' },
        payload: JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10) }),
      });
      const error = expectClientError(res, `${r.method} ${r.url}`, 413);
      expect(error.code).toBe('payload_too_large');
      expect(error.message).toContain('1 MB');
    }
  });

  it("bad JSON → 400 invalid_json, in the caller's language", async () => {
    for (const r of writeRoutes()) {
      for (const [lang, message] of [
        ['en', 'The request body is not valid JSON'],
        ['zh-CN,zh;q=0.9', '请求体不是有效的 JSON'],
      ]) {
        const res = await desk.app.inject({
          method: r.method,
          url: r.url,
          headers: { ...as[r.who], 'content-type': 'application/json', 'accept-language': lang! },
          payload: '{"title": "unterminated',
        });
        const error = expectClientError(res, `${r.method} ${r.url}`, 400);
        expect(error).toEqual({ code: 'invalid_json', message });
      }
    }
  });

  it('unknown fields, wrong types, wrong shapes → 400 validation_failed', async () => {
    for (const r of writeRoutes()) {
      const where = `${r.method} ${r.url}`;
      const send = (payload: unknown) =>
        desk.app.inject({
          method: r.method,
          url: r.url,
          headers: { ...as[r.who], 'content-type': 'application/json', 'accept-language': 'en' },
          payload: JSON.stringify(payload),
        });
      const unknown = expectClientError(await send({ ...(r.wrongType as object), surprise: 1 }), where, 400);
      expect(unknown.code).toBe('validation_failed');
      const wrong = expectClientError(await send(r.wrongType), `${where} wrong type`, 400);
      expect(wrong.code).toBe('validation_failed');
      expect(wrong.message).toMatch(/^The request is not valid: /);
      expectClientError(await send([1, 2]), `${where} array`, 400);
      expectClientError(await send('a string'), `${where} string`, 400);
      expectClientError(await send(null), `${where} null`, 400);
    }
  });

  it('an unsupported content type → 415', async () => {
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { ...as.customer, 'content-type': 'application/xml' },
      payload: '<ticket/>',
    });
    expectClientError(res, 'xml', 415);
  });
});

describe('bad params and queries', () => {
  it.each<[keyof typeof as, InjectOptions]>([
    ['agent', { method: 'GET', url: '/api/v1/tickets?limit=abc' }],
    ['agent', { method: 'GET', url: '/api/v1/tickets?limit=100000' }],
    ['agent', { method: 'GET', url: '/api/v1/tickets?status=bogus' }],
    ['agent', { method: 'GET', url: '/api/v1/tickets?assignee=robert' }],
    ['agent', { method: 'GET', url: '/api/v1/tickets?categoryId=not-a-uuid' }],
    ['agent', { method: 'GET', url: '/api/v1/tickets?offset=-1' }],
    ['agent', { method: 'GET', url: `/api/v1/tickets/${'x'.repeat(100)}` }],
    ['agent', { method: 'DELETE', url: '/api/v1/auth/sessions/not-a-uuid' }],
    ['customer', { method: 'GET', url: '/api/v1/me/inbox?limit=0' }],
    ['customer', { method: 'POST', url: '/api/v1/me/inbox/not-a-uuid/read' }],
    ['customer', { method: 'GET', url: '/api/v1/attachments/not-a-uuid' }],
    ['admin', { method: 'DELETE', url: '/api/v1/admin/api-tokens/not-a-uuid' }],
    ['admin', { method: 'GET', url: '/api/v1/admin/audit-log?limit=-5' }],
  ])('%s %j → 400', async (who, route) => {
    const res = await desk.app.inject({ ...route, headers: as[who] });
    expectClientError(res, `${route.method} ${route.url}`, 400);
  });

  it('ticket refs that are not ids or numbers are 404, not 500', async () => {
    for (const ref of [
      'KF-999999',
      'KF-abc',
      'hello',
      '00000000-0000-4000-8000-000000000000',
      'KF-99999999999999999999',
    ]) {
      const res = await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${ref}`, headers: as.agent });
      expectClientError(res, ref, 404);
    }
  });

  it('references to rows that do not exist are 4xx, not 500', async () => {
    const missing = '00000000-0000-4000-8000-000000000009';
    const cases: Array<[keyof typeof as, InjectOptions]> = [
      ['agent', { method: 'PATCH', url: '/api/v1/tickets/KF-000100', payload: { assigneeId: missing } }],
      ['agent', { method: 'PATCH', url: '/api/v1/tickets/KF-000100', payload: { teamId: missing } }],
      ['agent', { method: 'PATCH', url: '/api/v1/tickets/KF-000100', payload: { categoryId: missing } }],
      [
        'customer',
        {
          method: 'POST',
          url: '/api/v1/me/tickets',
          payload: { title: 't', description: 'd', categoryId: missing },
        },
      ],
      [
        'admin',
        { method: 'PATCH', url: `/api/v1/admin/categories/${categoryId}`, payload: { teamId: missing } },
      ],
      ['admin', { method: 'PATCH', url: `/api/v1/admin/agents/${agentId}`, payload: { teamIds: [missing] } }],
      [
        'admin',
        {
          method: 'POST',
          url: '/api/v1/admin/agents',
          payload: {
            email: 'x@lumen-exchange.example',
            name: 'X',
            password: 'long-enough-pass',
            role: 'agent',
            teamIds: [missing],
          },
        },
      ],
    ];
    for (const [who, route] of cases) {
      const res = await desk.app.inject({ ...route, headers: as[who] });
      expectClientError(res, `${route.method} ${route.url} ${JSON.stringify(route.payload)}`);
    }
  });
});

describe('admin changes', () => {
  it("changes only an agent's teams", async () => {
    const admin = await desk.signIn('admin');
    const teams = (await desk.app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.read })).json()
      .items;
    const res = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/agents/${agentId}`,
      headers: admin.write,
      payload: { teamIds: [teams[0].id] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const agents = (
      await desk.app.inject({ method: 'GET', url: '/api/v1/agents', headers: admin.read })
    ).json();
    expect(JSON.stringify(agents.items.find((a: { id: string }) => a.id === agentId))).toContain(teams[0].id);
  });
});
