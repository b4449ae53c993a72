import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function openTicket(uid: string, claims: Record<string, unknown> = {}) {
  const customer = await desk.customer(uid, claims);
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: '提现未到账', description: 'USDT 提现两小时未到账' },
  });
  expect(res.statusCode).toBe(201);
  const { id, number } = res.json() as { id: string; number: string };
  return { customer, id, number };
}

async function teamId(code: string): Promise<string> {
  const admin = await desk.signIn('admin');
  const res = await desk.app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.read });
  return (res.json().items as Array<{ id: string; code: string }>).find((t) => t.code === code)!.id;
}

interface Progress {
  state: string;
  total: number;
  done: number;
  changed: number;
  failures: Array<{ number: string; code: string; message: string }>;
}

async function finished(id: string, headers: Record<string, string>): Promise<Progress> {
  return eventually(async () => {
    const res = await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/bulk/${id}`, headers });
    const p = res.json() as Progress;
    return p.state === 'finished' ? p : null;
  }, 30_000);
}

describe('bulk actions', () => {
  it('works through a selection in batches with progress, each change in the history, audited', async () => {
    const supervisor = await desk.signIn('supervisor');
    const made = [];
    for (let i = 0; i < 27; i++) made.push(await openTicket(`bulk-sel-${i}`));
    const started = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/bulk',
      headers: supervisor.write,
      payload: { ticketIds: made.map((t) => t.id), action: { type: 'add_tags', tags: ['outage-0412'] } },
    });
    expect(started.statusCode).toBe(202);
    expect(started.json().total).toBe(27);
    const p = await finished(started.json().id, supervisor.read);
    expect(p).toMatchObject({ total: 27, done: 27, changed: 27, failures: [] });
    const one = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${made[26]!.id}`,
      headers: supervisor.read,
    });
    expect(one.json().tags).toContain('outage-0412');
    expect(one.json().history.find((h: { kind: string }) => h.kind === 'tags').actorId).toBe(
      supervisor.agentId,
    );

    // All matching a filter: the same 27, now pending.
    const byFilter = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/bulk',
      headers: supervisor.write,
      payload: { filter: { tag: 'outage-0412' }, action: { type: 'status', value: 'pending' } },
    });
    expect(byFilter.json().total).toBe(27);
    const q = await finished(byFilter.json().id, supervisor.read);
    expect(q.changed).toBe(27);
    const listed = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/tickets?tag=outage-0412&status=pending&limit=50',
      headers: supervisor.read,
    });
    expect(listed.json().items).toHaveLength(27);

    const admin = await desk.signIn('admin');
    const log = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/admin/audit-log?action=ticket.bulk',
      headers: admin.read,
    });
    const entries = log.json().items as Array<{ actorId: string; data: { total: number; by: string } }>;
    expect(
      entries
        .filter((e) => e.actorId === supervisor.agentId)
        .map((e) => e.data.by)
        .sort(),
    ).toEqual(['filter', 'selection']);
  }, 120_000);

  it('who may: a customer never; an agent not on tickets of another team (refused, or logged per ticket)', async () => {
    const supervisor = await desk.signIn('supervisor');
    const lin = await desk.signIn('lin'); // funds
    const chen = await desk.signIn('chen');
    const funds = await teamId('funds');
    const account = await teamId('account');
    const mine = await openTicket('bulk-who-1');
    const theirs = await openTicket('bulk-who-2');
    for (const [t, team] of [
      [mine, funds],
      [theirs, account],
    ] as const)
      await desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${t.id}`,
        headers: supervisor.write,
        payload: { teamId: team, tags: ['bulk-who'] },
      });
    const asCustomer = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/bulk',
      headers: mine.customer.headers,
      payload: { ticketIds: [mine.id], action: { type: 'priority', value: 'urgent' } },
    });
    expect(asCustomer.statusCode).toBe(403);
    const chosen = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/bulk',
      headers: lin.write,
      payload: { ticketIds: [mine.id, theirs.id], action: { type: 'priority', value: 'urgent' } },
    });
    expect(chosen.statusCode).toBe(403);
    expect(chosen.json().error.code).toBe('ticket_other_team');

    const filtered = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/bulk',
      headers: { ...lin.write, 'accept-language': 'en' },
      payload: { filter: { tag: 'bulk-who' }, action: { type: 'priority', value: 'urgent' } },
    });
    expect(filtered.statusCode).toBe(202);
    const p = await finished(filtered.json().id, { ...lin.read, 'accept-language': 'en' });
    expect(p).toMatchObject({ total: 2, changed: 1 });
    expect(p.failures).toEqual([
      expect.objectContaining({
        number: theirs.number,
        code: 'ticket_other_team',
        message: expect.stringContaining('belongs to a team'),
      }),
    ]);
    const theirsNow = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${theirs.id}`,
      headers: supervisor.read,
    });
    expect(theirsNow.json().priority).not.toBe('urgent');
    // Someone else's bulk action is not another agent's to read.
    const peek = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/bulk/${filtered.json().id}`,
      headers: chen.read,
    });
    expect(peek.statusCode).toBe(404);
  }, 60_000);

  it('applies a macro (usage counted per ticket) and links to an incident in bulk', async () => {
    const supervisor = await desk.signIn('supervisor');
    const a = await openTicket('bulk-macro-1', { name: 'Ada', language: 'en' });
    const b = await openTicket('bulk-macro-2', { name: '王伟' });
    const incident = await openTicket('bulk-incident');
    const macro = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: supervisor.write,
      payload: {
        name: 'Outage reply',
        scope: 'shared',
        actions: [
          {
            type: 'reply',
            zh: '{{customer.name}}，我们正在处理链上拥堵。',
            en: 'Hi {{customer.name}}, the chain is congested.',
          },
          { type: 'status', value: 'pending' },
        ],
      },
    });
    const run = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/bulk',
      headers: supervisor.write,
      payload: { ticketIds: [a.id, b.id], action: { type: 'macro', macroId: macro.json().id } },
    });
    expect((await finished(run.json().id, supervisor.read)).changed).toBe(2);
    const seenA = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${a.id}`,
      headers: a.customer.headers,
    });
    expect(
      seenA.json().messages.some((m: { body: string }) => m.body === 'Hi Ada, the chain is congested.'),
    ).toBe(true);
    const seenB = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${b.id}`,
      headers: b.customer.headers,
    });
    expect(
      seenB.json().messages.some((m: { body: string }) => m.body === '王伟，我们正在处理链上拥堵。'),
    ).toBe(true);
    const macros = await desk.app.inject({ method: 'GET', url: '/api/v1/macros', headers: supervisor.read });
    expect(macros.json().items.find((m: { id: string }) => m.id === macro.json().id).usageCount).toBe(2);

    await desk.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: supervisor.write,
      payload: { ticket: incident.id },
    });
    const link = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/bulk',
      headers: supervisor.write,
      payload: { ticketIds: [a.id, b.id], action: { type: 'link_incident', incident: incident.id } },
    });
    expect((await finished(link.json().id, supervisor.read)).changed).toBe(2);
    const view = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${incident.id}/incident`,
      headers: supervisor.read,
    });
    expect(view.json().incident.linkedCount).toBe(2);
  }, 60_000);
});
