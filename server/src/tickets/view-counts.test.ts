import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';
import { COUNT_CAP } from './list-query.ts';
import { tickets } from './schema.ts';

let desk: TestDesk;
let lin: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  lin = await desk.signIn('lin');
});
afterAll(async () => {
  await desk?.close();
});

async function get(url: string) {
  const res = await desk.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: lin.read });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('inbox view counts', () => {
  it('answers every view in one request, the same as each list holds', async () => {
    const status = 'status=new&status=open&status=pending&status=on_hold';
    const counts = await get(`/tickets/counts?${status}`);
    const lists = {
      mine: await get(`/tickets?${status}&assignee=me&limit=200`),
      unassigned: await get(`/tickets?${status}&assignee=none&limit=200`),
      teams: await get(`/tickets?${status}&myTeams=true&limit=200`),
      all: await get(`/tickets?${status}&limit=200`),
    };
    for (const [view, list] of Object.entries(lists)) {
      expect(counts[view], view).toEqual({ count: list.items.length, capped: false });
    }
    expect(counts.all.count).toBeGreaterThan(0);
    expect(counts.cap).toBe(COUNT_CAP);
    // Filters narrow the counts too.
    const urgent = await get(`/tickets/counts?${status}&priority=urgent`);
    expect(urgent.all.count).toBe((await get(`/tickets?${status}&priority=urgent&limit=200`)).items.length);
  });

  it('an integration has no "mine" or "teams"', async () => {
    const token = await desk.apiToken(['tickets:read']);
    const res = await desk.app.inject({ method: 'GET', url: '/api/v1/tickets/counts', headers: token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mine: null, teams: null, unassigned: { capped: false } });
  });

  it('stops counting at the cap: "10,000+", and the list still pages', async () => {
    // 10,005 tickets with a tag of their own, written straight into the table (the write path's
    // cost is not what this is about).
    await desk.services.db.execute(sql`
      insert into ${tickets} (title, description, customer_id, status, tags)
      select 'bulk ' || g, 'bulk', (select id from customers limit 1), 'open', array['cap-test']
      from generate_series(1, ${COUNT_CAP + 5}) g`);
    const counts = await get('/tickets/counts?tag=cap-test');
    expect(counts.all).toEqual({ count: COUNT_CAP, capped: true });
    expect(counts.unassigned).toEqual({ count: COUNT_CAP, capped: true });
    expect(counts.mine).toEqual({ count: 0, capped: false });
    const list = await get('/tickets?tag=cap-test&withTotal=true&limit=5');
    expect(list).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(list.items).toHaveLength(5);
    expect(list.nextCursor).toEqual(expect.any(String));
  });
});
