import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';

interface Summary {
  id: string;
  number: string;
  title: string;
  status: string;
  priority: string;
  channel: string;
  tags: string[];
  teamId: string | null;
  category: { id: string; code: string } | null;
  assignee: { id: string } | null;
  customer: { uid: string | null; email: string | null };
  lastActivityAt: string;
}

let desk: TestDesk;
let lin: AgentAuth;
let mine: Summary;
let categoryId: string;
beforeAll(async () => {
  desk = await createTestDesk();
  lin = await desk.signIn('lin');
  categoryId = (await desk.app.inject({ method: 'GET', url: '/api/v1/categories' }))
    .json()
    .items.find((c: { code: string }) => c.code === 'security').id;
  const token = await desk.apiToken(['tickets:write']);
  const created = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: token,
    payload: {
      title: 'Unrecognised login from Lisbon',
      description: 'Someone signed in with a zebra-unicorn password reset',
      categoryId,
      priority: 'urgent',
      channel: 'email',
      tags: ['list-test'],
      customer: { uid: 'UID-LIST-77', email: 'List.Person@example.org', name: 'List Person' },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  await desk.app.inject({
    method: 'PATCH',
    url: `/api/v1/tickets/${created.json().id}`,
    headers: lin.write,
    payload: { assigneeId: lin.agentId, status: 'on_hold' },
  });
  mine = (await list('q=UID-LIST-77')).items[0]!;
});
afterAll(async () => {
  await desk?.close();
});

async function list(query: string): Promise<{ items: Summary[]; total: number; nextCursor: string | null }> {
  const res = await desk.app.inject({
    method: 'GET',
    url: `/api/v1/tickets?${query}&withTotal=true`,
    headers: lin.read,
  });
  expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
  return res.json();
}

describe('ticket list filters', () => {
  it.each<[string, (t: Summary) => boolean, boolean]>([
    ['status=on_hold', (t) => t.status === 'on_hold', true],
    ['status=open&status=pending', (t) => ['open', 'pending'].includes(t.status), false],
    ['priority=urgent', (t) => t.priority === 'urgent', true],
    ['priority=low&priority=normal', (t) => ['low', 'normal'].includes(t.priority), false],
    ['channel=email', (t) => t.channel === 'email', true],
    ['channel=web', (t) => t.channel === 'web', false],
    ['tag=list-test', (t) => t.tags.includes('list-test'), true],
    ['assignee=me', (t) => t.assignee?.id === lin.agentId, true],
    ['assignee=none', (t) => t.assignee === null, false],
  ])('%s', async (query, matches, includesMine) => {
    const { items, total } = await list(`${query}&limit=200`);
    expect(items.length).toBeGreaterThan(0);
    expect(total).toBe(items.length);
    for (const t of items) expect(matches(t), `${t.number} for ${query}`).toBe(true);
    expect(items.some((t) => t.id === mine.id)).toBe(includesMine);
  });

  it('assignee by id, me and none; category and team', async () => {
    const me = await list('assignee=me&limit=200');
    for (const t of me.items) expect(t.assignee?.id).toBe(lin.agentId);
    const byId = await list(`assignee=${lin.agentId}&limit=200`);
    expect(byId.items.map((t) => t.id)).toEqual(me.items.map((t) => t.id));
    const byCategory = await list(`categoryId=${categoryId}&limit=200`);
    for (const t of byCategory.items) expect(t.category?.id).toBe(categoryId);
    expect(byCategory.items.some((t) => t.id === mine.id)).toBe(true);
    const byTeam = await list(`teamId=${mine.teamId}&limit=200`);
    for (const t of byTeam.items) expect(t.teamId).toBe(mine.teamId);
    expect(byTeam.items.some((t) => t.id === mine.id)).toBe(true);
    // An integration has no "me".
    const token = await desk.apiToken(['tickets:read']);
    const res = await desk.app.inject({ method: 'GET', url: '/api/v1/tickets?assignee=me', headers: token });
    expect(res.statusCode).toBe(400);
  });

  it('q finds by number (with or without KF-), UID, email (any case), title and description words', async () => {
    for (const q of [
      mine.number,
      mine.number.replace('KF-', ''),
      'UID-LIST-77',
      'list.person@EXAMPLE.org',
      'Lisbon',
      'zebra-unicorn',
    ]) {
      const { items } = await list(`q=${encodeURIComponent(q)}`);
      expect(
        items.map((t) => t.id),
        q,
      ).toContain(mine.id);
    }
    expect((await list('q=nothing-matches-this-xyz')).items).toEqual([]);
    // LIKE wildcards are literal.
    expect((await list('q=%25')).items.some((t) => t.id === mine.id)).toBe(false);
    expect((await list('q=_')).items.some((t) => t.id === mine.id)).toBe(false);
  });

  it('filters combine', async () => {
    const { items } = await list(
      `status=on_hold&priority=urgent&channel=email&tag=list-test&q=Lisbon&assignee=me`,
    );
    expect(items.map((t) => t.id)).toEqual([mine.id]);
    expect((await list('status=on_hold&channel=web&tag=list-test')).total).toBe(0);
  });

  it('pages by cursor in a stable order, newest activity first, for every sort', async () => {
    const all = await list('limit=200');
    expect(all.total).toBeGreaterThan(5);
    expect(all.nextCursor).toBeNull();
    const times = all.items.map((t) => t.lastActivityAt);
    expect([...times].sort().reverse()).toEqual(times);
    for (const sort of [
      '-lastActivityAt',
      'lastActivityAt',
      'priority',
      '-priority',
      'number',
      '-createdAt',
      'sla',
    ]) {
      const whole = await list(`limit=200&sort=${sort}`);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof list>> = await list(
          `limit=3&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(whole.items.map((t) => t.id));
    }
    // A cursor of another sort is refused, not misread.
    const first = await list('limit=2');
    const res = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets?limit=2&sort=priority&cursor=${encodeURIComponent(first.nextCursor!)}`,
      headers: lin.read,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});
