import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  casesFor,
  type OpenApiDoc,
  type Operation,
  sampleOf,
  seededRandom,
  toJson,
} from '../faults/fuzz-cases.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { customerWithTicket } from '../testing/owned-objects.ts';

/**
 * IDOR checks generated from the OpenAPI document (issue 20, "Keep it attacked"): every operation
 * with an id in its path is called with a real id that belongs to someone else, by every role
 * that must not reach it — anonymous, a visitor, customer A with customer B's objects, another
 * agent with an agent's own objects, a plain agent or supervisor on admin routes, an API token
 * without the scope. Each must be refused (401/403) or answer exactly like a missing id (404),
 * never 2xx. Every id is first proved real: its owner reads it with 2xx.
 */
type Headers = Record<string, string>;
// The document decides which tests exist, so the desk is built while the file is collected.
const desk: TestDesk = await createTestDesk();
const doc = (await desk.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDoc;
const MISSING = '00000000-0000-4000-8000-000000000000';

interface Fixture {
  roles: Record<string, Headers>;
  ids: Record<string, string>;
}
let fx: Fixture;

beforeAll(async () => {
  const inject = desk.app.inject.bind(desk.app);
  const a = await desk.customer('u-idor-gen-a');
  const b = await desk.customer('u-idor-gen-b');
  const visitor = (await inject({ method: 'POST', url: '/api/v1/customer/session', payload: {} })).json();
  const lin = await desk.signIn('lin');
  const chen = await desk.signIn('chen');
  const supervisor = await desk.signIn('supervisor');
  const admin = await desk.signIn('admin');
  const noScope = await desk.apiToken(['safety:scan']);
  // B's objects: a ticket with a file, an inbox notice from an agent's reply.
  const owned = await customerWithTicket(desk, b, lin, { title: 'B only', description: 'private to B' });
  // Lin's own objects: a saved filter, a session.
  const filter = (
    await inject({
      method: 'POST',
      url: '/api/v1/me/saved-filters',
      headers: lin.write,
      payload: { name: 'lin only', filters: {} },
    })
  ).json();
  const sessions = (await inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: lin.read })).json();
  const linSession = (sessions.items ?? sessions.sessions ?? sessions)[0]?.id as string;
  fx = {
    roles: {
      anonymous: {},
      visitor: { authorization: `Bearer ${visitor.token}` },
      customerA: a.headers,
      customerB: b.headers,
      lin: lin.write,
      chen: chen.write,
      supervisor: supervisor.write,
      admin: admin.write,
      tokenWithoutScope: noScope,
    },
    ids: {
      ticket: owned.ticketId,
      ticketNumber: owned.ticketNumber,
      file: owned.fileId,
      inbox: owned.inboxId,
      filter: filter.id,
      linSession,
    },
  };
  // Admin-side objects: the first id each admin collection lists.
  for (const path of Object.keys(doc.paths)) {
    if (!path.includes('{id}') || ownerOf(path)) continue;
    const collection = path.slice(0, path.indexOf('/{'));
    const res = await inject({ method: 'GET', url: collection, headers: admin.write });
    const id = res.statusCode === 200 ? firstId(res.json()) : undefined;
    if (id) fx.ids[`admin:${path}`] = id;
  }
}, 120_000);

afterAll(async () => {
  await desk?.close();
});

function firstId(json: unknown): string | undefined {
  const queue = [json];
  while (queue.length) {
    const v = queue.shift();
    if (!v || typeof v !== 'object') continue;
    const id = (v as { id?: unknown }).id;
    if (!Array.isArray(v) && typeof id === 'string') return id;
    queue.push(...Object.values(v));
  }
  return undefined;
}

/** Who owns the object behind a path's id, and which fixture id it is; null for staff/admin objects. */
function ownerOf(path: string): { owner: string; id: string; like404: string[] } | null {
  const customerSide = ['customerA', 'visitor'];
  if (path.startsWith('/api/v1/me/tickets/'))
    return { owner: 'customerB', id: 'ticket', like404: customerSide };
  if (path.startsWith('/api/v1/me/inbox/')) return { owner: 'customerB', id: 'inbox', like404: customerSide };
  if (path.startsWith('/api/v1/attachments/'))
    return { owner: 'customerB', id: 'file', like404: customerSide };
  if (path.startsWith('/api/v1/me/saved-filters/')) return { owner: 'lin', id: 'filter', like404: ['chen'] };
  if (path.startsWith('/api/v1/auth/sessions/')) return { owner: 'lin', id: 'linSession', like404: ['chen'] };
  return null;
}

/** Routes anyone may call (public pages, links carrying their own secret): nothing to own. */
const PUBLIC = [
  /^\/api\/v1\/help\/(articles|categories|images)\//,
  /^\/api\/v1\/csat\//,
  /\/channels\/inbound\//,
];

/** Roles that must be refused on a staff or admin route. */
function refusedOn(path: string): string[] {
  const outsiders = ['anonymous', 'visitor', 'customerA', 'customerB'];
  const admin = /^\/api\/v1\/(admin|help\/admin|channels|safety\/channels)\//.test(path);
  if (admin) return [...outsiders, 'lin', 'tokenWithoutScope'];
  return [...outsiders, 'tokenWithoutScope'];
}

const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(() => /\{(id|section)\}/.test(path) && !PUBLIC.some((re) => re.test(path)))
    .map(([method, op]) => ({ path, method: method.toUpperCase(), op: op as Operation })),
);

function urlFor(path: string, id: string) {
  return path
    .replace('{id}', id)
    .replace('{section}', 'tickets')
    .replace('{version}', '1')
    .replace('{day}', '2026-01-01');
}

function requestFor(method: string, op: Operation, url: string, headers: Headers) {
  const schema = op.requestBody?.content?.['application/json']?.schema;
  return {
    method: method as 'GET',
    url,
    headers: schema ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(schema ? { payload: toJson(sampleOf(schema)) } : {}),
  };
}

describe.each(operations)('$method $path', ({ path, method, op }) => {
  it("refuses someone else's object, or answers as for a missing one", async () => {
    const owned = ownerOf(path);
    const idKey = owned ? owned.id : `admin:${path}`;
    const id = fx.ids[idKey];
    if (!id) {
      // No object of this kind in the demo desk: the id route is still refused to outsiders.
      expect(path).not.toMatch(/^\/api\/v1\/me\//);
    }
    const url = urlFor(path, id ?? MISSING);
    if (owned && method === 'GET') {
      const mine = await desk.app.inject(requestFor(method, op, url, fx.roles[owned.owner]!));
      expect(mine.statusCode, `the owner reads ${url}`).toBeLessThan(300);
    }
    const refused = owned
      ? Object.keys(fx.roles).filter((r) => r !== owned.owner && r !== 'admin' && r !== 'supervisor')
      : refusedOn(path);
    for (const role of refused) {
      if (owned?.owner.startsWith('customer') && ['lin', 'chen', 'supervisor'].includes(role)) continue;
      const res = await desk.app.inject(requestFor(method, op, url, fx.roles[role]!));
      const where = `${method} ${url} as ${role}: ${res.statusCode} ${res.body.slice(0, 200)}`;
      expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, where).toBeLessThan(500);
      if (owned?.like404.includes(role)) {
        // Exactly what an id that does not exist gets: nothing tells that the object is there.
        const missing = await desk.app.inject(requestFor(method, op, urlFor(path, MISSING), fx.roles[role]!));
        expect(res.statusCode, where).toBe(missing.statusCode);
        expect(res.json().error.code, where).toBe(missing.json().error.code);
      } else if (method === 'GET') {
        expect([401, 403, 404], where).toContain(res.statusCode);
      }
    }
    // The staff ticket routes also take the ticket's number: no side door through it.
    if (path.startsWith('/api/v1/tickets/{id}') || path.startsWith('/api/v1/me/tickets/{id}')) {
      const byNumber = urlFor(path, fx.ids.ticketNumber!);
      for (const role of path.startsWith('/api/v1/me/') ? ['customerA', 'visitor'] : refusedOn(path)) {
        const res = await desk.app.inject(requestFor(method, op, byNumber, fx.roles[role]!));
        expect(res.statusCode, `${method} ${byNumber} as ${role}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${method} ${byNumber} as ${role}`).toBeLessThan(500);
      }
    }
  });
});

it('covers every id route of the document', () => {
  const idRoutes = Object.keys(doc.paths).filter((p) => p.includes('{id}'));
  expect(idRoutes.length).toBeGreaterThan(30);
  expect(operations.length).toBeGreaterThan(40);
  // Keep the generator honest: the fuzz helpers it shares build a request for each of them.
  const random = seededRandom(1);
  for (const { path, method, op } of operations) {
    expect(
      casesFor(method, path, op, {}, random, { valuesPerField: 1, urlValues: 0 }).length,
    ).toBeGreaterThan(0);
  }
});
