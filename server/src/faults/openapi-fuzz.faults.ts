import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, RELAXED_PACE, type TestDesk } from '../testing/harness.ts';
import { casesFor, type FuzzRequest, type OpenApiDoc, responseProblem, seededRandom } from './fuzz-cases.ts';

/**
 * Walks the OpenAPI document and sends hostile values of every kind to every operation, as an
 * anonymous caller, a customer and an admin (with CSRF): no answer may be a 5xx, none may take
 * longer than the per-request bound, and every 4xx is in the error shape.
 * KEFU_FUZZ_SEED=<n> replays a run; KEFU_FUZZ_VALUES=<n> sets how many hostile kinds each body
 * field gets (all of them by default).
 */
const SEED = Number(process.env.KEFU_FUZZ_SEED ?? 20261202);
const VALUES_PER_FIELD = Number(process.env.KEFU_FUZZ_VALUES ?? 99);
const REQUEST_BOUND_MS = 10_000;

type Role = 'anonymous' | 'customer' | 'admin';
// The document decides which tests exist, so the desk is built while the file is collected.
const desk: TestDesk = await createTestDesk(RELAXED_PACE);
const doc = (await desk.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDoc;
const operations = Object.entries(doc.paths)
  .flatMap(([path, methods]) => Object.keys(methods).map((m) => ({ path, method: m.toUpperCase() })))
  // Signing out last keeps the admin's session for the rest of the walk.
  .sort((a, b) => Number(a.path.endsWith('/sign-out')) - Number(b.path.endsWith('/sign-out')));
const headersOf: Record<Role, () => Record<string, string>> = {
  anonymous: () => ({}),
  customer: () => ({}),
  admin: () => ({}),
};
let realParams: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  let admin = await desk.signIn('admin');
  headersOf.admin = () => admin.write;
  // A fuzzed sign-out or session revocation ends the admin's session: sign in again when it did.
  reSignIn = async () => {
    admin = await desk.signIn('admin');
  };
  const customer = await desk.customer('fuzz-customer');
  headersOf.customer = () => customer.headers;
  realParams = await findRealIds(customer.headers, admin.write);
}, 300_000);

afterAll(async () => {
  await desk?.close();
});

let reSignIn = async () => {};

/** Real ids for path parameters, so hostile bodies reach the code behind an existing row. */
async function findRealIds(customer: Record<string, string>, admin: Record<string, string>) {
  const get = async (url: string, headers: Record<string, string>) => {
    const res = await desk.app.inject({ method: 'GET', url, headers });
    return res.statusCode === 200 ? (res.json() as unknown) : null;
  };
  const first = (json: unknown, key: string): string | undefined => {
    const stack = [json];
    while (stack.length) {
      const v = stack.shift();
      if (!v || typeof v !== 'object') continue;
      if (!Array.isArray(v) && typeof (v as Record<string, unknown>)[key] === 'string') {
        return (v as Record<string, string>)[key];
      }
      stack.push(...Object.values(v));
    }
    return undefined;
  };
  const ticket = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer,
    payload: { title: 'fuzz', description: 'fuzz ticket' },
  });
  const myTicket = (ticket.json() as { id?: string }).id ?? 'KF-000001';
  const out: Record<string, Record<string, string>> = {};
  for (const path of Object.keys(doc.paths)) {
    if (!path.includes('{')) continue;
    const collection = path.slice(0, path.indexOf('/{'));
    const values: Record<string, string> = {};
    if (path.startsWith('/api/v1/me/tickets/')) values.id = myTicket;
    else if (path.startsWith('/api/v1/auth/sessions/')) values.id = '00000000-0000-4000-8000-000000000000';
    else if (path.startsWith('/api/v1/help/articles/') || path.startsWith('/api/v1/help/admin/articles/')) {
      values.id = first(await get('/api/v1/help/admin/articles', admin), 'id') ?? '';
      values.ref = values.id;
    } else if (path.startsWith('/api/v1/help/categories/')) {
      values.slug = first(await get('/api/v1/help/home', {}), 'slug') ?? 'x';
    } else if (
      path.startsWith('/api/v1/help/admin/sections/') ||
      path.startsWith('/api/v1/help/admin/categories/')
    ) {
      const structure = await get('/api/v1/help/admin/structure', admin);
      values.id = path.includes('sections')
        ? (first(structure, 'id') ?? '')
        : (first(
            (structure as { sections?: Array<{ categories?: unknown }> })?.sections?.[0]?.categories,
            'id',
          ) ?? '');
    } else {
      const found = first(await get(collection, admin), 'id') ?? first(await get(collection, customer), 'id');
      if (found) values.id = found;
      if (path.startsWith('/api/v1/tickets/')) values.id = myTicket;
    }
    values.section = 'tickets';
    values.version = '1';
    values.day = new Date().toISOString().slice(0, 10);
    out[path] = values;
  }
  return out;
}

async function send(req: FuzzRequest, role: Role) {
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), REQUEST_BOUND_MS);
  });
  const res = await Promise.race([
    desk.app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers: { ...headersOf[role](), ...req.headers },
      ...(req.payload !== undefined ? { payload: req.payload } : {}),
    }),
    timeout,
  ]);
  clearTimeout(timer);
  return { res, ms: performance.now() - started };
}

/** How much each role gets: the admin reaches the code behind the schemas, so gets the most. */
const BUDGET: Record<Role, { valuesPerField: number; urlValues: number }> = {
  anonymous: { valuesPerField: Math.min(2, VALUES_PER_FIELD), urlValues: 1 },
  customer: { valuesPerField: Math.min(3, VALUES_PER_FIELD), urlValues: 2 },
  admin: { valuesPerField: VALUES_PER_FIELD, urlValues: 4 },
};

const random = seededRandom(SEED);
const totals = { requests: 0, failures: 0, slowest: { ms: 0, what: '' } };

describe.each(operations)('$method $path', ({ path, method }) => {
  it('answers hostile input without a 5xx, a hang or another shape', async () => {
    const op = doc.paths[path]![method.toLowerCase()]!;
    const failures: string[] = [];
    for (const role of ['anonymous', 'customer', 'admin'] as const) {
      const cases = casesFor(method, path, op, realParams[path] ?? {}, random, BUDGET[role]);
      for (const req of cases) {
        // A channel switched on, or pointed elsewhere than loopback, would call out to its platform.
        if (path.startsWith('/api/v1/channels') && /body (enabled|settings)\b/.test(req.what)) continue;
        const { res, ms } = await send(req, role);
        totals.requests++;
        if (ms > totals.slowest.ms) {
          totals.slowest = { ms, what: `${req.method} ${req.url.slice(0, 100)} [${req.what}] as ${role}` };
        }
        const where = `${req.method} ${req.url.slice(0, 140)} [${req.what}] as ${role}`;
        if (res === 'timeout') {
          failures.push(`${where}: no answer within ${REQUEST_BOUND_MS} ms`);
          continue;
        }
        const problem = responseProblem(res.statusCode, res.body);
        if (problem) failures.push(`${where}: ${problem} ${res.body.slice(0, 160)}`);
        if (role === 'admin' && res.statusCode === 401) await reSignIn();
      }
    }
    totals.failures += failures.length;
    // KEFU_FUZZ_LOG=<file> follows a long run as it goes.
    if (process.env.KEFU_FUZZ_LOG) {
      appendFileSync(
        process.env.KEFU_FUZZ_LOG,
        `${new Date().toISOString()} ${method} ${path}: ${totals.requests} requests so far\n${failures.map((f) => `  ${f}\n`).join('')}`,
      );
    }
    expect(failures.slice(0, 20), `seed ${SEED}: ${failures.length} failures`).toEqual([]);
  });
});

afterAll(() => {
  console.info(
    `openapi fuzz: seed ${SEED}, ${operations.length} operations, ${totals.requests} requests, ` +
      `${totals.failures} failures; slowest ${Math.round(totals.slowest.ms)} ms (${totals.slowest.what})`,
  );
});
