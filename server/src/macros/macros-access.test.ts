import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function teamId(code: string): Promise<string> {
  const admin = await desk.signIn('admin');
  const res = await desk.app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.read });
  return (res.json().items as Array<{ id: string; code: string }>).find((t) => t.code === code)!.id;
}

describe('macros: who may apply them to which ticket', () => {
  it('an agent applies to tickets of their teams; an agent of another team and a customer are refused', async () => {
    const supervisor = await desk.signIn('supervisor');
    const lin = await desk.signIn('lin'); // funds
    const chen = await desk.signIn('chen'); // account, security
    const macro = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: supervisor.write,
      payload: {
        name: 'pending',
        scope: 'shared',
        actions: [{ type: 'add_tags', tags: ['checked'] }],
      },
    });
    expect(macro.statusCode).toBe(201);
    const customer = await desk.customer('macro-access-1');
    const opened = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: '提现未到账', description: 'USDT 提现两小时未到账' },
    });
    const ticket = opened.json() as { id: string; number: string };
    // The funds team holds the ticket.
    const moved = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: supervisor.write,
      payload: { teamId: await teamId('funds') },
    });
    expect(moved.statusCode).toBe(200);

    const url = (what: string) => `/api/v1/tickets/${ticket.number}/macros/${macro.json().id}/${what}`;
    for (const what of ['preview', 'apply']) {
      const other = await desk.app.inject({ method: 'POST', url: url(what), headers: chen.write });
      expect(other.statusCode).toBe(403);
      expect(other.json().error.code).toBe('ticket_other_team');
      const otherEn = await desk.app.inject({
        method: 'POST',
        url: url(what),
        headers: { ...chen.write, 'accept-language': 'en' },
      });
      expect(otherEn.json().error.message).toContain('belongs to a team you are not in');
      const asCustomer = await desk.app.inject({ method: 'POST', url: url(what), headers: customer.headers });
      expect(asCustomer.statusCode).toBe(403);
    }
    const untouched = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: supervisor.read,
    });
    expect(untouched.json().tags).not.toContain('checked');

    const mine = await desk.app.inject({ method: 'POST', url: url('apply'), headers: lin.write });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().tags).toContain('checked');

    // Assigned to chen, the ticket is chen's to work even in another team's queue.
    await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: supervisor.write,
      payload: { assigneeId: chen.agentId },
    });
    const assigned = await desk.app.inject({ method: 'POST', url: url('preview'), headers: chen.write });
    expect(assigned.statusCode).toBe(200);
  });
});
