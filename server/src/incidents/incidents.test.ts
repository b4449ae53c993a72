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
    payload: { title: 'TRC20 提现未到账', description: 'USDT 提现两小时未到账' },
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

async function asCustomer(t: { id: string; customer: { headers: Record<string, string> } }) {
  const res = await desk.app.inject({
    method: 'GET',
    url: `/api/v1/me/tickets/${t.id}`,
    headers: t.customer.headers,
  });
  return res.json() as { status: string; messages: Array<{ body: string }> };
}

describe('incidents', () => {
  it('links tickets, one reply reaches every linked customer in their language, solving solves them; banner while open', async () => {
    const supervisor = await desk.signIn('supervisor');
    const lin = await desk.signIn('lin'); // funds
    const chen = await desk.signIn('chen'); // account, security
    const funds = await teamId('funds');
    const incident = await openTicket('inc-owner', { name: '张三' });
    const en = await openTicket('inc-en', { name: 'Ada', language: 'en' });
    const zh = await openTicket('inc-zh', { name: '王伟' });
    const other = await openTicket('inc-other');
    for (const t of [incident, en, zh])
      await desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${t.id}`,
        headers: supervisor.write,
        payload: { teamId: funds },
      });

    // Who may: a customer never; an agent of another team not on the funds team's tickets.
    const byCustomer = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: incident.customer.headers,
      payload: { ticket: incident.number },
    });
    expect(byCustomer.statusCode).toBe(403);
    const byOtherTeam = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: chen.write,
      payload: { ticket: incident.number },
    });
    expect(byOtherTeam.statusCode).toBe(403);
    expect(byOtherTeam.json().error.code).toBe('ticket_other_team');

    const marked = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: lin.write,
      payload: {
        ticket: incident.number,
        public: true,
        bannerZh: 'TRC20 提现延迟，正在处理',
        bannerEn: 'TRC20 withdrawals are delayed; we are on it',
      },
    });
    expect(marked.statusCode).toBe(201);
    expect(marked.json()).toMatchObject({ number: incident.number, public: true, linkedCount: 0 });

    const banner = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/incidents/banner?lang=en',
      headers: { 'accept-language': 'en' },
    });
    expect(banner.json().items.map((b: { text: string }) => b.text)).toEqual([
      'TRC20 withdrawals are delayed; we are on it',
    ]);
    const bannerZh = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/incidents/banner',
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(bannerZh.json().items[0].text).toBe('TRC20 提现延迟，正在处理');

    // chen may not link tickets of the funds team; lin may. A linked ticket cannot be an incident.
    const chenLinks = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident.number}/links`,
      headers: chen.write,
      payload: { tickets: [en.number] },
    });
    expect(chenLinks.statusCode).toBe(403);
    const linked = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident.number}/links`,
      headers: lin.write,
      payload: { tickets: [en.number, zh.id] },
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ linked: 2, incident: { linkedCount: 2 } });
    const again = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident.number}/links`,
      headers: lin.write,
      payload: { tickets: [en.number] },
    });
    expect(again.json().linked).toBe(0);
    const self = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident.number}/links`,
      headers: lin.write,
      payload: { tickets: [incident.number] },
    });
    expect(self.statusCode).toBe(409);
    const enDetail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${en.id}`,
      headers: lin.read,
    });
    const link = enDetail.json().history.find((h: { kind: string }) => h.kind === 'incident_link');
    expect(link).toMatchObject({ actorId: lin.agentId, to: incident.id });
    const view = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${en.number}/incident`,
      headers: lin.read,
    });
    expect(view.json().linkedTo.number).toBe(incident.number);
    const incidentView = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${incident.number}/incident`,
      headers: lin.read,
    });
    expect(
      incidentView
        .json()
        .linked.map((t: { number: string }) => t.number)
        .sort(),
    ).toEqual([en.number, zh.number].sort());

    // One reply, each customer in their language.
    const chenReplies = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident.number}/replies`,
      headers: chen.write,
      payload: { zh: 'x', en: 'x' },
    });
    expect(chenReplies.statusCode).toBe(403);
    const replied = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident.number}/replies`,
      headers: lin.write,
      payload: {
        zh: '链上拥堵，提现将在 2 小时内到账。',
        en: 'The chain is congested; withdrawals arrive within 2 hours.',
      },
    });
    expect(replied.statusCode).toBe(201);
    expect(replied.json().linkedCount).toBe(2);
    const enSeen = await eventually(async () => {
      const t = await asCustomer(en);
      return t.messages.some((m) => m.body.includes('The chain is congested')) ? t : null;
    });
    expect(enSeen.messages.some((m) => m.body.includes('链上拥堵'))).toBe(false);
    const zhSeen = await eventually(async () => {
      const t = await asCustomer(zh);
      return t.messages.some((m) => m.body.includes('链上拥堵')) ? t : null;
    });
    expect(zhSeen.messages.some((m) => m.body.includes('congested'))).toBe(false);
    expect((await asCustomer(incident)).messages.some((m) => m.body.includes('链上拥堵'))).toBe(true);
    expect((await asCustomer(other)).messages).toHaveLength(1);
    // The copy is a reply by the same agent on the linked ticket: its status follows as for any reply.
    const zhDetail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${zh.id}`,
      headers: lin.read,
    });
    const copy = zhDetail.json().messages.find((m: { body: string }) => m.body.includes('链上拥堵'));
    expect(copy).toMatchObject({ authorId: lin.agentId, visibility: 'public' });
    expect(copy.body).toBe('链上拥堵，提现将在 2 小时内到账。');

    // Solving the incident solves the linked tickets, each with a notice in its language.
    const solved = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${incident.id}`,
      headers: lin.write,
      payload: { status: 'solved' },
    });
    expect(solved.statusCode).toBe(200);
    const enSolved = await eventually(async () => {
      const t = await asCustomer(en);
      return t.status === 'solved' ? t : null;
    });
    expect(enSolved.messages.at(-1)!.body).toContain(
      'The problem you reported is resolved: TRC20 withdrawals are delayed',
    );
    const zhSolved = await eventually(async () => {
      const t = await asCustomer(zh);
      return t.status === 'solved' ? t : null;
    });
    expect(zhSolved.messages.at(-1)!.body).toContain('您反馈的问题已解决：TRC20 提现延迟');
    expect((await asCustomer(other)).status).not.toBe('solved');
    const after = await desk.app.inject({ method: 'GET', url: '/api/v1/incidents/banner' });
    expect(after.json().items).toEqual([]);
    // A solved incident takes no more links.
    const late = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident.number}/links`,
      headers: lin.write,
      payload: { tickets: [other.number] },
    });
    expect(late.statusCode).toBe(409);
    // Reopened (the outage is back), its banner shows again at once.
    const reopened = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${incident.id}`,
      headers: lin.write,
      payload: { status: 'open' },
    });
    expect(reopened.statusCode).toBe(200);
    const back = await desk.app.inject({ method: 'GET', url: '/api/v1/incidents/banner' });
    expect(back.json().items).toHaveLength(1);
  }, 60_000);

  it('a trigger links matching new tickets to an open incident', async () => {
    const admin = await desk.signIn('admin');
    const incident = await openTicket('inc-trigger-owner');
    await desk.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: admin.write,
      payload: { ticket: incident.id },
    });
    const trigger = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/triggers',
      headers: admin.write,
      payload: {
        name: 'TRC20 → incident',
        events: ['ticket.created'],
        match: 'all',
        conditions: [{ field: 'text', op: 'contains', value: 'TRC20' }],
        actions: [{ type: 'link_incident', incident: incident.id }],
      },
    });
    expect(trigger.statusCode).toBe(201);
    const hit = await openTicket('inc-trigger-hit');
    const view = await eventually(async () => {
      const res = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/tickets/${hit.id}/incident`,
        headers: admin.read,
      });
      const body = res.json() as { linkedTo: { number: string } | null };
      return body.linkedTo ? body : null;
    });
    expect(view.linkedTo!.number).toBe(incident.number);
    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${hit.id}`,
      headers: admin.read,
    });
    expect(detail.json().history.map((h: { kind: string }) => h.kind)).toEqual(
      expect.arrayContaining(['trigger_fired', 'incident_link']),
    );
  }, 30_000);
});
