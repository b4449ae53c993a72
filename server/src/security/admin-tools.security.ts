// Privilege escalation on the newest admin surfaces (security round of 2026-12-03): triggers, time
// rules, outgoing webhooks, custom fields, invitations and the people routes. Each write is tried
// with a valid body (so a schema refusal proves nothing) by everyone below an admin — anonymous,
// a visitor, a customer, a plain agent, a supervisor, an API token even with the `admin` scope
// (tokens do not administer people or automations) — and must be refused without a trace in the
// database. These held when attacked; they are kept here so that they keep holding. Then hostile
// bodies (40,000 keys, 40 levels deep where text goes, NUL, a lone surrogate) on the same routes as the admin, and
// a forged Host on the invitation link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';
import { customerTicket, requester } from './attack-kit.ts';

let desk: TestDesk;
let api: ReturnType<typeof requester>;
let admin: AgentAuth;
let roles: Record<string, Record<string, string>>;
let ids: {
  trigger: string;
  timeRule: string;
  webhook: string;
  field: string;
  ticket: string;
  customer: string;
};
beforeAll(async () => {
  desk = await createTestDesk();
  api = requester(desk);
  admin = await desk.signIn('admin');
  const visitor = (await api('POST', '/api/v1/customer/session', {}, {})).json().token as string;
  const t = await customerTicket(desk, 'admin-tools-customer', '提现未到账');
  roles = {
    anonymous: {},
    visitor: { authorization: `Bearer ${visitor}` },
    customer: t.customer.headers,
    agent: (await desk.signIn('lin')).write,
    supervisor: (await desk.signIn('supervisor')).write,
    adminToken: await desk.apiToken(['admin']),
  };
  const made = async (url: string, body: unknown) => {
    const res = await api('POST', url, admin.write, body);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(201);
    return res.json().id as string;
  };
  ids = {
    trigger: await made('/api/v1/admin/triggers', BODIES.trigger),
    timeRule: await made('/api/v1/admin/time-rules', BODIES.timeRule),
    webhook: await made('/api/v1/admin/webhooks', BODIES.webhook),
    field: await made('/api/v1/custom-fields', { ...BODIES.field, key: 'risk_note' }),
    ticket: t.id,
    customer: t.customer.customerId,
  };
}, 60_000);
afterAll(async () => {
  await desk?.close();
});

const BODIES = {
  trigger: {
    name: 'escalate',
    events: ['ticket.created'],
    actions: [{ type: 'add_tags', tags: ['x'] }],
  },
  timeRule: {
    name: 'remind',
    when: { type: 'status_for', status: 'pending', amount: 24, unit: 'hours' },
    actions: [{ type: 'add_tags', tags: ['x'] }],
  },
  webhook: { name: 'siem', url: 'https://hooks.example.com/kefu', events: ['ticket.created'] },
  field: { entity: 'ticket', key: 'taken_over', type: 'text', labelZh: '风险', labelEn: 'Risk' },
  invite: {
    email: 'mallory@example.com',
    name: 'Mallory',
    role: 'admin',
    teamIds: [],
    chatCapacity: 1,
    language: 'en',
  },
};

type Call = readonly [method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown];

/** Every admin route of the capabilities attacked, with a body its schema accepts. */
function adminCalls(): Call[] {
  const { trigger, timeRule, webhook, field } = ids;
  const lin = '00000000-0000-4000-8000-000000000001';
  return [
    ['GET', '/api/v1/admin/triggers'],
    ['POST', '/api/v1/admin/triggers', BODIES.trigger],
    ['PATCH', `/api/v1/admin/triggers/${trigger}`, { active: false }],
    ['DELETE', `/api/v1/admin/triggers/${trigger}`],
    ['POST', '/api/v1/admin/triggers/dry-run', { ticket: ids.ticket, event: 'ticket.created' }],
    ['GET', '/api/v1/admin/time-rules'],
    ['POST', '/api/v1/admin/time-rules', BODIES.timeRule],
    ['PATCH', `/api/v1/admin/time-rules/${timeRule}`, { active: false }],
    ['GET', `/api/v1/admin/time-rules/${timeRule}/due`],
    ['GET', '/api/v1/admin/webhooks'],
    ['POST', '/api/v1/admin/webhooks', BODIES.webhook],
    ['PATCH', `/api/v1/admin/webhooks/${webhook}`, { url: 'https://attacker.example.com/' }],
    ['POST', `/api/v1/admin/webhooks/${webhook}/rotate-secret`],
    ['GET', `/api/v1/admin/webhooks/${webhook}/deliveries`],
    ['PUT', '/api/v1/admin/webhooks/allowed-ranges', { cidr: '10.0.0.0/8' }],
    ['POST', '/api/v1/custom-fields', BODIES.field],
    ['PATCH', `/api/v1/custom-fields/${field}`, { archived: true }],
    ['GET', '/api/v1/admin/invites'],
    ['POST', '/api/v1/admin/invites', BODIES.invite],
    ['POST', `/api/v1/admin/agents/${admin.agentId}/deactivate`],
    ['POST', `/api/v1/admin/agents/${admin.agentId}/reset-2fa`],
    ['GET', `/api/v1/admin/agents/${admin.agentId}/sessions`],
    ['DELETE', `/api/v1/admin/agents/${lin}/sessions`],
  ];
}

describe('admin routes of triggers, time rules, webhooks, custom fields and people', () => {
  it('refuse everyone below an admin, and change nothing', async () => {
    const before = (await api('GET', '/api/v1/admin/webhooks', admin.read)).json();
    for (const [role, headers] of Object.entries(roles)) {
      for (const [method, url, body] of adminCalls()) {
        const res = await api(method, url, headers, body);
        const where = `${method} ${url} as ${role}: ${res.statusCode} ${res.body.slice(0, 160)}`;
        expect([401, 403], where).toContain(res.statusCode);
        if (role === 'anonymous') expect(res.statusCode, where).toBe(401);
      }
    }
    // Nothing was made, changed or rotated; the admin still signs in (not deactivated, 2FA kept).
    const after = (await api('GET', '/api/v1/admin/webhooks', admin.read)).json();
    expect(after).toEqual(before);
    const triggers = (await api('GET', '/api/v1/admin/triggers', admin.read)).json().items;
    expect(triggers).toEqual([expect.objectContaining({ id: ids.trigger, active: true })]);
    const fields = (await api('GET', '/api/v1/custom-fields', admin.read)).json().items;
    expect(fields.map((f: { key: string; archived: boolean }) => [f.key, f.archived])).toContainEqual([
      'risk_note',
      false,
    ]);
    expect((await api('GET', '/api/v1/admin/invites', admin.read)).json().items).toEqual([]);
    expect((await api('GET', '/api/v1/auth/me', admin.read)).statusCode).toBe(200);
  }, 120_000);

  it("customers never reach the desk's tools, custom fields nor side conversations", async () => {
    const set = await api('PATCH', `/api/v1/tickets/${ids.ticket}`, admin.write, {
      customFields: { risk_note: 'suspected account takeover' },
    });
    expect(set.statusCode, set.body).toBe(200);
    for (const role of ['anonymous', 'visitor', 'customer']) {
      const headers = roles[role]!;
      for (const [method, url, body] of [
        ['GET', '/api/v1/custom-fields'],
        ['PATCH', `/api/v1/customers/${ids.customer}/custom-fields`, { values: { risk_note: null } }],
        ['GET', `/api/v1/tickets/${ids.ticket}/side-conversations`],
        [
          'POST',
          `/api/v1/tickets/${ids.ticket}/side-conversations`,
          { to: ['a@example.com'], subject: 's', body: 'b' },
        ],
        ['GET', '/api/v1/macros'],
        ['POST', '/api/v1/macros', { name: 'm', scope: 'personal', actions: [] }],
        [
          'POST',
          '/api/v1/tickets/bulk',
          { ticketIds: [ids.ticket], action: { type: 'status', value: 'closed' } },
        ],
        ['POST', `/api/v1/tickets/${ids.ticket}/merge`, { tickets: [ids.ticket] }],
        ['GET', '/api/v1/incidents'],
        ['POST', '/api/v1/incidents', { ticket: ids.ticket, public: true, bannerEn: 'all is well' }],
        ['GET', `/api/v1/tickets/${ids.ticket}/incident`],
        ['GET', `/api/v1/tickets?q=${encodeURIComponent('takeover')}`],
      ] as const) {
        const res = await api(method, url, headers, body);
        expect([401, 403], `${method} ${url} as ${role}`).toContain(res.statusCode);
      }
    }
    const kyc = { ...BODIES.field, entity: 'customer', key: 'kyc_note' };
    expect((await api('POST', '/api/v1/custom-fields', admin.write, kyc)).statusCode).toBe(201);
    const flagged = await api('PATCH', `/api/v1/customers/${ids.customer}/custom-fields`, admin.write, {
      values: { kyc_note: 'sanctions list takeover match' },
    });
    expect(flagged.statusCode, flagged.body).toBe(200);
    const me = await api('GET', '/api/v1/me', roles.customer);
    expect(me.statusCode).toBe(200);
    expect(me.body).not.toContain('takeover');
    const own = await api('GET', `/api/v1/me/tickets/${ids.ticket}`, roles.customer);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('takeover');
    const list = await api('GET', '/api/v1/me/tickets', roles.customer);
    expect(list.body).not.toContain('takeover');
  });
});

describe('hostile bodies and headers on the same routes, as the admin', () => {
  const deep = JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`);
  const manyKeys = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, 'x']));

  it('40,000 keys, 40 levels, a NUL and a lone surrogate are each refused in the error shape', async () => {
    const writes = adminCalls().filter(([method, , body]) => method !== 'GET' && body !== undefined);
    for (const [method, url, body] of writes) {
      for (const [what, payload] of [
        ['40,000 keys', manyKeys],
        ['40 levels where a name goes', { ...(body as object), name: deep }],
        ['a NUL', { ...(body as object), name: 'a\u0000b' }],
        ['a lone surrogate', JSON.stringify({ ...(body as object), name: 'x' }).replace('"x"', '"\\ud800"')],
      ] as const) {
        const headers =
          typeof payload === 'string' ? { ...admin.write, 'content-type': 'application/json' } : admin.write;
        const started = performance.now();
        const res = await api(method, url, headers, payload);
        const where = `${method} ${url} with ${what}: ${res.statusCode} ${res.body.slice(0, 160)}`;
        expect(res.statusCode, where).toBe(400);
        expect(res.json().error.code, where).toBe('validation_failed');
        expect(res.body.length, where).toBeLessThan(1_000);
        expect(performance.now() - started, where).toBeLessThan(2_000);
      }
    }
  }, 120_000);

  it('an invitation link is built from PUBLIC_URL, never from a forged Host or X-Forwarded-Host', async () => {
    const res = await api(
      'POST',
      '/api/v1/admin/invites',
      { ...admin.write, host: 'attacker.example', 'x-forwarded-host': 'attacker.example' },
      { ...BODIES.invite, email: 'new.hire@example.com' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const url = new URL(res.json().url as string);
    expect(url.origin).toBe(new URL(desk.config.publicUrl).origin);
    expect(url.host).not.toBe('attacker.example');
  });
});
