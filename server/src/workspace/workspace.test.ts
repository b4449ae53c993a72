import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function firstTicket(headers: Record<string, string>): Promise<{ id: string; number: string }> {
  const res = await desk.app.inject({ method: 'GET', url: '/api/v1/tickets?limit=1', headers });
  return res.json().items[0];
}

describe('collision presence', () => {
  it('shows each agent the others on the ticket, typing included, until they leave', async () => {
    const lin = await desk.signIn('lin');
    const chen = await desk.signIn('chen');
    const ticket = await firstTicket(lin.read);
    const beat = (who: typeof lin, state: string) =>
      desk.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ticket.number}/viewing`,
        headers: who.write,
        payload: { state },
      });
    const first = await beat(lin, 'viewing');
    expect(first.statusCode).toBe(200);
    expect(first.json().others).toEqual([]);
    expect(first.json().lastSeq).toBeGreaterThan(0);

    const second = await beat(chen, 'typing');
    expect(second.json().others.map((o: { name: string; state: string }) => o.state)).toEqual(['viewing']);
    const linSees = (await beat(lin, 'viewing')).json().others;
    expect(linSees).toHaveLength(1);
    expect(linSees[0].agentId).toBe(chen.agentId);
    expect(linSees[0].state).toBe('typing');

    await beat(chen, 'left');
    expect((await beat(lin, 'viewing')).json().others).toEqual([]);
  });

  it('answers 404 for a missing ticket and 401 to strangers', async () => {
    const lin = await desk.signIn('lin');
    const missing = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/KF-999999/viewing',
      headers: lin.write,
      payload: { state: 'viewing' },
    });
    expect(missing.statusCode).toBe(404);
    const anon = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/KF-000001/viewing',
      payload: { state: 'viewing' },
    });
    expect(anon.statusCode).toBe(401);
  });
});

describe('saved filters', () => {
  it('are per agent: saved, replaced by name, listed, deleted only by their owner', async () => {
    const lin = await desk.signIn('lin');
    const chen = await desk.signIn('chen');
    const save = (filters: Record<string, unknown>) =>
      desk.app.inject({
        method: 'POST',
        url: '/api/v1/me/saved-filters',
        headers: lin.write,
        payload: { name: '紧急提现', filters },
      });
    expect((await save({ priority: ['urgent'] })).statusCode).toBe(201);
    const replaced = await save({ priority: ['urgent', 'high'], q: 'USDT' });
    expect(replaced.json().filters).toEqual({ priority: ['urgent', 'high'], q: 'USDT' });
    const bad = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/saved-filters',
      headers: lin.write,
      payload: { name: 'x', filters: { evil: '1' } },
    });
    expect(bad.statusCode).toBe(400);

    const mine = (
      await desk.app.inject({ method: 'GET', url: '/api/v1/me/saved-filters', headers: lin.read })
    ).json();
    expect(mine.items).toHaveLength(1);
    const theirs = (
      await desk.app.inject({ method: 'GET', url: '/api/v1/me/saved-filters', headers: chen.read })
    ).json();
    expect(theirs.items).toHaveLength(0);
    const stolen = await desk.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/saved-filters/${mine.items[0].id}`,
      headers: chen.write,
    });
    expect(stolen.statusCode).toBe(404);
    const deleted = await desk.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/saved-filters/${mine.items[0].id}`,
      headers: lin.write,
    });
    expect(deleted.statusCode).toBe(200);
  });
});

describe('inbox sorting, my teams and preferences', () => {
  it('sorts by priority and restricts to my teams', async () => {
    const lin = await desk.signIn('lin');
    const res = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/tickets?sort=priority&limit=200',
      headers: lin.read,
    });
    const rank = { urgent: 4, high: 3, normal: 2, low: 1 } as Record<string, number>;
    const ranks = res.json().items.map((t: { priority: string }) => rank[t.priority]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));

    const agents = (
      await desk.app.inject({ method: 'GET', url: '/api/v1/agents', headers: lin.read })
    ).json();
    const myTeams: string[] = agents.items.find((a: { id: string }) => a.id === lin.agentId).teamIds;
    const teams = (
      await desk.app.inject({
        method: 'GET',
        url: '/api/v1/tickets?myTeams=true&limit=200',
        headers: lin.read,
      })
    ).json();
    for (const t of teams.items) expect(myTeams).toContain(t.teamId);
    expect(teams.items.length).toBeLessThanOrEqual(res.json().items.length);
  });

  it('lets an agent set their own language and time zone', async () => {
    const lin = await desk.signIn('lin');
    const ok = await desk.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: lin.write,
      payload: { language: 'en', timeZone: 'Europe/Berlin' },
    });
    expect(ok.json()).toMatchObject({ language: 'en', timeZone: 'Europe/Berlin' });
    const bad = await desk.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: lin.write,
      payload: { timeZone: 'Mars/Olympus' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
