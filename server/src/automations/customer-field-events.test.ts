import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTrigger,
  defineFields,
  firingsOf,
  type HistoryRow,
  openCustomerTicket,
  staffDetail,
} from '../testing/automation-kit.ts';
import { type AgentAuth, createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';

// A customer's custom field change is a ticket event (`customer_fields.changed`): from the API on
// each of the customer's open tickets, from a macro or a rule on the ticket it ran on. Triggers
// react to it, and rules setting fields back and forth stop (each fires once per cascade).
let desk: TestDesk;
let admin: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
  await defineFields(desk, admin, [
    { entity: 'customer', key: 'tier', type: 'text', labelZh: '等级', labelEn: 'Tier' },
    { entity: 'customer', key: 'mood', type: 'text', labelZh: '情绪', labelEn: 'Mood' },
    { entity: 'customer', key: 'relay', type: 'text', labelZh: '接力', labelEn: 'Relay' },
    { entity: 'ticket', key: 'echo', type: 'text', labelZh: '回声', labelEn: 'Echo' },
  ]);
});
afterAll(async () => {
  await desk?.close();
});

type History = HistoryRow[];

async function openTicket(uid: string) {
  const customer = await desk.customer(uid);
  return { ...(await openCustomerTicket(desk, customer)), customerId: customer.customerId, customer };
}
const detail = (id: string) => staffDetail(desk, admin, id);
const trigger = (payload: Record<string, unknown>) => createTrigger(desk, admin, payload);

function setCustomerFields(customerId: string, values: Record<string, unknown>, auth = admin) {
  return desk.app.inject({
    method: 'PATCH',
    url: `/api/v1/customers/${customerId}/custom-fields`,
    headers: auth.write,
    payload: { values },
  });
}

const firings = firingsOf;

describe('customer field events', () => {
  it("a change from the API is an event of each of the customer's open tickets, and a trigger reacts", async () => {
    const vip = await trigger({
      name: 'VIP customer → urgent',
      events: ['customer_fields.changed'],
      conditions: [{ field: 'custom_field', entity: 'customer', key: 'tier', op: 'equals', value: 'vip' }],
      actions: [{ type: 'priority', value: 'urgent' }],
    });
    const first = await openTicket('cfe-1');
    const second = await openCustomerTicket(desk, first.customer, {
      title: '第二个工单',
      description: '充值未到账',
    });
    const other = await openTicket('cfe-2');

    const res = await setCustomerFields(first.customerId, { tier: 'vip' });
    expect(res.statusCode, res.body).toBe(200);
    for (const id of [first.id, second.id]) {
      const d = await eventually(async () => {
        const t = await detail(id);
        return t.priority === 'urgent' ? t : null;
      });
      const row = (d.history as History).find((h) => h.kind === 'customer_fields');
      expect(row).toMatchObject({ actorType: 'agent', from: { tier: null }, to: { tier: 'vip' } });
      expect(firings(d.history, 'VIP customer → urgent')).toBe(1);
    }
    // Another customer's ticket heard nothing.
    const untouched = await detail(other.id);
    expect(untouched.priority).not.toBe('urgent');
    expect((untouched.history as History).some((h) => h.kind === 'customer_fields')).toBe(false);

    // Setting the same value again changes nothing: no event, no firing.
    await setCustomerFields(first.customerId, { tier: 'vip' });
    await new Promise((r) => setTimeout(r, 500));
    const again = await detail(first.id);
    expect((again.history as History).filter((h) => h.kind === 'customer_fields')).toHaveLength(1);

    // The customer does not see the change in their own view of the ticket.
    const own = await desk.app.inject({
      url: `/api/v1/me/tickets/${first.id}`,
      headers: first.customer.headers,
    });
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('customer_fields');
    expect(own.body).not.toContain('vip');

    // The dry run knows the event.
    const dry = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/triggers/dry-run',
      headers: admin.write,
      payload: { ticket: other.number, event: 'customer_fields.changed' },
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().items.find((i: { triggerId: string }) => i.triggerId === vip.id).listens).toBe(true);
  });

  it('a macro setting a customer field is an event of its ticket, which triggers hear', async () => {
    const lin = await desk.signIn('lin');
    const macro = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: lin.write,
      payload: {
        name: 'Mark VIP',
        scope: 'personal',
        actions: [{ type: 'set_field', entity: 'customer', key: 'tier', value: 'vip' }],
      },
    });
    expect(macro.statusCode, macro.body).toBe(201);
    const t = await openTicket('cfe-3');
    const applied = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${t.number}/macros/${macro.json().id}/apply`,
      headers: lin.write,
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const d = await eventually(async () => {
      const x = await detail(t.id);
      return x.priority === 'urgent' ? x : null;
    });
    expect((d.history as History).find((h) => h.kind === 'customer_fields')).toMatchObject({
      actorType: 'agent',
      to: { tier: 'vip' },
    });
  });

  it('two rules setting a customer field back and forth each fire once, then stop', async () => {
    await trigger({
      name: 'ping → pong',
      events: ['customer_fields.changed'],
      conditions: [{ field: 'custom_field', entity: 'customer', key: 'mood', op: 'equals', value: 'ping' }],
      actions: [{ type: 'set_field', entity: 'customer', key: 'mood', value: 'pong' }],
    });
    await trigger({
      name: 'pong → ping',
      events: ['customer_fields.changed'],
      conditions: [{ field: 'custom_field', entity: 'customer', key: 'mood', op: 'equals', value: 'pong' }],
      actions: [{ type: 'set_field', entity: 'customer', key: 'mood', value: 'ping' }],
    });
    const t = await openTicket('cfe-4');
    expect((await setCustomerFields(t.customerId, { mood: 'ping' })).statusCode).toBe(200);
    // GET /tickets/:id reads the thread and the customer's profile at once, on two pool
    // connections: the history can show the second rule's firing while the profile was read just
    // before that commit. So wait for both; a cascade left at 'pong' still fails here.
    const d = await eventually(async () => {
      const x = await detail(t.id);
      return firings(x.history, 'pong → ping') === 1 && x.customer.customFields.mood === 'ping' ? x : null;
    });
    expect(firings(d.history, 'ping → pong')).toBe(1);
    // The second rule's change was heard by the cascade, which had fired both already: over.
    expect(d.customer.customFields.mood).toBe('ping');
    const rows = (d.history as History).filter((h) => h.kind === 'customer_fields');
    expect(rows.map((h) => h.to.mood)).toEqual(['ping', 'pong', 'ping']);
    expect(rows.map((h) => h.actorType)).toEqual(['agent', 'system', 'system']);
    await new Promise((r) => setTimeout(r, 2000));
    const later = await detail(t.id);
    expect(firings(later.history, 'ping → pong')).toBe(1);
    expect(firings(later.history, 'pong → ping')).toBe(1);
    expect(later.customer.customFields.mood).toBe('ping');
  });

  it("a ticket field and a customer field set by two rules on each other's change stop too", async () => {
    // relay (customer) → echo (ticket) → relay …: each change reaches the other rule through the
    // cascade (fields.changed and customer_fields.changed), and each rule fires once.
    await trigger({
      name: 'relay → echo',
      events: ['customer_fields.changed'],
      conditions: [{ field: 'custom_field', entity: 'customer', key: 'relay', op: 'is_set' }],
      actions: [{ type: 'set_field', key: 'echo', value: 'from relay' }],
    });
    await trigger({
      name: 'echo → relay',
      events: ['fields.changed'],
      conditions: [{ field: 'custom_field', entity: 'ticket', key: 'echo', op: 'is_set' }],
      actions: [{ type: 'set_field', entity: 'customer', key: 'relay', value: 'from echo' }],
    });
    const t = await openTicket('cfe-5');
    expect((await setCustomerFields(t.customerId, { relay: 'start' })).statusCode).toBe(200);
    const d = await eventually(async () => {
      const x = await detail(t.id);
      // Both, for the reason given in the test above.
      return firings(x.history, 'echo → relay') === 1 && x.customer.customFields.relay === 'from echo'
        ? x
        : null;
    });
    expect(firings(d.history, 'relay → echo')).toBe(1);
    expect(d.customFields.echo).toBe('from relay');
    expect(d.customer.customFields.relay).toBe('from echo');
    await new Promise((r) => setTimeout(r, 2000));
    const later = await detail(t.id);
    expect(firings(later.history, 'relay → echo')).toBe(1);
    expect(firings(later.history, 'echo → relay')).toBe(1);
  });
});
