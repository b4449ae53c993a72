import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { MAX_TRIGGER_CHAIN } from './triggers.ts';

let desk: TestDesk;
let admin: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
});
afterAll(async () => {
  await desk?.close();
});

async function openTicket(uid: string, title: string, description: string) {
  const customer = await desk.customer(uid);
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title, description },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string };
}

async function trigger(payload: Record<string, unknown>) {
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/admin/triggers',
    headers: admin.write,
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function detail(id: string) {
  return (await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: admin.read })).json();
}

describe('triggers', () => {
  it('fires on a new ticket whose conditions hold, in the history with its name; a dry run shows why', async () => {
    const created = await trigger({
      name: '提现未到账 → 高优先级',
      events: ['ticket.created'],
      match: 'all',
      conditions: [
        { field: 'text', op: 'contains', value: '未到账' },
        { field: 'channel', op: 'is', value: ['web', 'api'] },
        { field: 'tags', op: 'includes_none', value: ['vip'] },
      ],
      actions: [
        { type: 'priority', value: 'high' },
        { type: 'add_tags', tags: ['withdrawal-delay'] },
        { type: 'note', body: 'Auto: {{ticket.number}} looks like a stalled withdrawal' },
      ],
    });
    const other = await openTicket('trig-1', '账户问题', '无法登录');
    const hit = await openTicket('trig-2', '提现未到账', 'USDT 提现两小时未到账');
    const fired = await eventually(async () => {
      const t = await detail(hit.id);
      return t.tags.includes('withdrawal-delay') ? t : null;
    });
    expect(fired.priority).toBe('high');
    const entry = fired.history.find((h: { kind: string }) => h.kind === 'trigger_fired');
    expect(entry.to).toMatchObject({
      triggerId: created.id,
      name: '提现未到账 → 高优先级',
      event: 'ticket.created',
    });
    expect(
      fired.messages.some(
        (m: { body: string }) => m.body === `Auto: ${hit.number} looks like a stalled withdrawal`,
      ),
    ).toBe(true);
    // The other ticket: nothing.
    const untouched = await detail(other.id);
    expect(untouched.tags).not.toContain('withdrawal-delay');
    expect(untouched.history.some((h: { kind: string }) => h.kind === 'trigger_fired')).toBe(false);

    const dry = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/triggers/dry-run',
      headers: admin.write,
      payload: { ticket: other.number, event: 'ticket.created' },
    });
    expect(dry.statusCode).toBe(200);
    const item = dry.json().items.find((i: { triggerId: string }) => i.triggerId === created.id);
    expect(item.listens).toBe(true);
    expect(item.wouldFire).toBe(false);
    expect(item.conditions[0].holds).toBe(false);
    // An unsaved trigger tried on the ticket that did match: its effect, and nothing written.
    const draft = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/triggers/dry-run',
      headers: admin.write,
      payload: {
        ticket: hit.id,
        event: 'message.added',
        trigger: {
          name: 'draft',
          events: ['message.added'],
          match: 'any',
          conditions: [{ field: 'priority', op: 'is', value: ['high'] }],
          actions: [{ type: 'status', value: 'pending' }],
        },
      },
    });
    expect(draft.json().items[0].wouldFire).toBe(true);
    expect(draft.json().items[0].effect.changes).toEqual([{ field: 'status', from: 'new', to: 'pending' }]);
    expect((await detail(hit.id)).status).toBe('new');

    const refused = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/triggers',
      headers: (await desk.signIn('lin')).write,
      payload: { name: 'x', events: ['ticket.created'], actions: [{ type: 'priority', value: 'low' }] },
    });
    expect(refused.statusCode).toBe(403);
    await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/triggers/${created.id}`,
      headers: admin.write,
      payload: { active: false },
    });
  });

  it('never fires on its own change, and a chain of triggers stops after the bound', async () => {
    const self = await trigger({
      name: 'self',
      events: ['tags.changed'],
      conditions: [{ field: 'tags', op: 'includes_any', value: ['loop'] }],
      actions: [
        { type: 'add_tags', tags: ['seen'] },
        { type: 'remove_tags', tags: ['loop'] },
        { type: 'add_tags', tags: ['loop'] },
      ],
    });
    // c1 … c7: each fires on the tag the previous one added; placed in reverse so each round
    // fires exactly one of them.
    const chain = [];
    for (let i = 7; i >= 1; i--) {
      chain.push(
        await trigger({
          name: `chain ${i}`,
          position: 100 - i,
          events: ['tags.changed'],
          conditions: [
            { field: 'tags', op: 'includes_any', value: [i === 1 ? 'start' : `c${i - 1}`] },
            { field: 'tags', op: 'includes_none', value: [`c${i}`] },
          ],
          actions: [{ type: 'add_tags', tags: [`c${i}`] }],
        }),
      );
    }
    const lin = await desk.signIn('lin');
    const t = await openTicket('trig-chain', '链', '测试');
    await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${t.id}`,
      headers: lin.write,
      payload: { tags: ['start', 'loop'] },
    });
    const stopped = await eventually(async () => {
      const d = await detail(t.id);
      return d.history.some((h: { kind: string }) => h.kind === 'automation_chain_stopped') ? d : null;
    });
    const firings = stopped.history.filter((h: { kind: string }) => h.kind === 'trigger_fired');
    const names = firings.map((h: { to: { name: string } }) => h.to.name);
    expect(names.filter((n: string) => n === 'self')).toHaveLength(1);
    expect(names.filter((n: string) => n.startsWith('chain'))).toEqual(
      Array.from({ length: MAX_TRIGGER_CHAIN }, (_, k) => `chain ${k + 1}`),
    );
    expect(stopped.tags).toContain(`c${MAX_TRIGGER_CHAIN}`);
    expect(stopped.tags).not.toContain(`c${MAX_TRIGGER_CHAIN + 1}`);
    // Nothing more happens later: the chain is over.
    await new Promise((r) => setTimeout(r, 2000));
    const later = await detail(t.id);
    expect(later.history.filter((h: { kind: string }) => h.kind === 'trigger_fired')).toHaveLength(
      firings.length,
    );
    expect(self.id).toBeTruthy();
  });
});
