// Merging and incidents: an incident merged into another ticket stays one problem (the survivor
// becomes the incident, its links follow, nobody is told "resolved"), and a linked ticket merged
// away hands its link to the survivor, so its customer still hears the incident's replies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentAuth,
  createTestDesk,
  eventually,
  jobsSettled,
  type TestDesk,
} from '../testing/harness.ts';

let desk: TestDesk;
let admin: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
});
afterAll(async () => {
  await desk?.close();
});

type Customer = Awaited<ReturnType<TestDesk['customer']>>;
async function open(customer: Customer, title: string) {
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title, description: `${title}：详情` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}
const api = async (method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await desk.app.inject({
    method,
    url,
    headers: method === 'GET' ? admin.read : admin.write,
    ...(payload ? { payload } : {}),
  });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};
const incidentOf = (id: string) => api('GET', `/api/v1/tickets/${id}/incident`);
const detail = (id: string) => api('GET', `/api/v1/tickets/${id}`);
const customerView = async (customer: Customer, id: string) =>
  (
    await desk.app.inject({ method: 'GET', url: `/api/v1/me/tickets/${id}`, headers: customer.headers })
  ).json() as { status: string; messages: Array<{ body: string }> };

describe('merging and incidents', () => {
  it('an incident merged into another ticket: the survivor is the incident, links follow, nothing is solved', async () => {
    const owner = await desk.customer('inc-merge-owner', { name: '周杰' });
    const incident = await open(owner, 'TRC20 提现延迟');
    const survivor = await open(owner, '提现还没到');
    const linkedCustomer = await desk.customer('inc-merge-linked', { name: 'Ada', language: 'en' });
    const linked = await open(linkedCustomer, 'USDT withdrawal missing');
    await api('POST', '/api/v1/incidents', {
      ticket: incident.number,
      public: true,
      bannerZh: 'TRC20 提现延迟，正在处理',
      bannerEn: 'TRC20 withdrawals are delayed',
    });
    await api('POST', `/api/v1/incidents/${incident.number}/links`, { tickets: [linked.number] });

    await api('POST', `/api/v1/tickets/${survivor.id}/merge`, { tickets: [incident.id] });

    const after = await incidentOf(survivor.id);
    expect(after.incident).toMatchObject({ public: true, bannerEn: 'TRC20 withdrawals are delayed' });
    expect(after.linked.map((t: { number: string }) => t.number)).toEqual([linked.number]);
    expect((await incidentOf(incident.id)).incident).toBeNull();
    expect((await incidentOf(linked.id)).linkedTo.number).toBe(survivor.number);
    const history = (await detail(linked.id)).history.filter(
      (h: { kind: string }) => h.kind === 'incident_link',
    );
    expect(history.at(-1)).toMatchObject({ from: incident.id, to: survivor.id });
    const banner = await desk.app.inject({ method: 'GET', url: '/api/v1/incidents/banner?lang=en' });
    expect(banner.json().items.map((b: { text: string }) => b.text)).toContain(
      'TRC20 withdrawals are delayed',
    );

    // A reply on the survivor reaches the linked customer; its solution solves them, with the notice.
    await api('POST', `/api/v1/incidents/${survivor.number}/replies`, {
      zh: '链上拥堵，2 小时内到账。',
      en: 'The chain is congested; it arrives within 2 hours.',
    });
    await eventually(async () =>
      (await customerView(linkedCustomer, linked.id)).messages.some((m) => m.body.includes('congested')),
    );
    // The merge's closing of the old incident told nobody it was resolved (no solve job left to run).
    await jobsSettled(desk, 'incidents.solve-linked');
    const seen = await customerView(linkedCustomer, linked.id);
    expect(seen.status).not.toBe('solved');
    expect(seen.messages.some((m) => m.body.includes('resolved'))).toBe(false);

    const solved = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${survivor.id}`,
      headers: admin.write,
      payload: { status: 'solved' },
    });
    expect(solved.statusCode).toBeLessThan(300);
    const done = await eventually(async () => {
      const t = await customerView(linkedCustomer, linked.id);
      return t.status === 'solved' ? t : null;
    });
    expect(done.messages.some((m) => m.body.includes('The problem you reported is resolved'))).toBe(true);
  }, 60_000);

  it('a linked ticket merged into an unlinked one hands its link to the survivor', async () => {
    const owner = await desk.customer('inc-merge-owner-2');
    const incident = await open(owner, '充值延迟');
    await api('POST', '/api/v1/incidents', { ticket: incident.number, bannerZh: '充值延迟' });
    const customer = await desk.customer('inc-merge-linked-2', { name: '李雷' });
    const linked = await open(customer, '充值没到');
    const survivor = await open(customer, '充值还是没到');
    await api('POST', `/api/v1/incidents/${incident.number}/links`, { tickets: [linked.number] });

    await api('POST', `/api/v1/tickets/${survivor.id}/merge`, { tickets: [linked.id] });

    expect((await incidentOf(survivor.id)).linkedTo.number).toBe(incident.number);
    const history = (await detail(survivor.id)).history.filter(
      (h: { kind: string }) => h.kind === 'incident_link',
    );
    expect(history.at(-1)).toMatchObject({ from: null, to: incident.id });
    await api('POST', `/api/v1/incidents/${incident.number}/replies`, {
      zh: '已恢复到账。',
      en: 'Deposits are back.',
    });
    await eventually(async () =>
      (await customerView(customer, survivor.id)).messages.some((m) => m.body.includes('已恢复到账')),
    );
  }, 60_000);

  it('a survivor linked to an incident becomes the incident it takes in, and leaves its link', async () => {
    const owner = await desk.customer('inc-merge-owner-3');
    const other = await open(owner, '另一个事件');
    await api('POST', '/api/v1/incidents', { ticket: other.number });
    const incident = await open(owner, '提币审核慢');
    await api('POST', '/api/v1/incidents', { ticket: incident.number, bannerZh: '提币审核慢' });
    const survivor = await open(owner, '提币审核');
    await api('POST', `/api/v1/incidents/${other.number}/links`, { tickets: [survivor.number] });

    await api('POST', `/api/v1/tickets/${survivor.id}/merge`, { tickets: [incident.id] });

    const view = await incidentOf(survivor.id);
    expect(view.incident).toMatchObject({ bannerZh: '提币审核慢' });
    expect(view.linkedTo).toBeNull();
    const history = (await detail(survivor.id)).history.filter(
      (h: { kind: string }) => h.kind === 'incident_link',
    );
    expect(history.at(-1)).toMatchObject({ from: other.id, to: null });
  }, 60_000);
});
