import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

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
  return res.json() as { id: string; number: string };
}

describe('macros', () => {
  it('shared and personal macros: who sees and writes which', async () => {
    const lin = await desk.signIn('lin');
    const chen = await desk.signIn('chen');
    const supervisor = await desk.signIn('supervisor');
    const actions = [{ type: 'status', value: 'pending' }];
    const sharedByAgent = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: lin.write,
      payload: { name: 'x', scope: 'shared', actions },
    });
    expect(sharedByAgent.statusCode).toBe(403);
    const mine = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: lin.write,
      payload: { name: 'Lin: ask for TXID', scope: 'personal', actions },
    });
    expect(mine.statusCode).toBe(201);
    const notAllowed = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: lin.write,
      payload: {
        name: 'y',
        scope: 'personal',
        actions: [{ type: 'webhook', subscriptionId: mine.json().id }],
      },
    });
    expect(notAllowed.statusCode).toBe(400);
    expect(notAllowed.json().error.code).toBe('macro_action_not_allowed');
    const bad = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: lin.write,
      payload: { name: 'z', scope: 'personal', actions: [{ type: 'status', value: 'gone' }] },
    });
    expect(bad.statusCode).toBe(400);

    const chenList = await desk.app.inject({ method: 'GET', url: '/api/v1/macros', headers: chen.read });
    expect(chenList.json().items.map((m: { id: string }) => m.id)).not.toContain(mine.json().id);
    const chenEdit = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/macros/${mine.json().id}`,
      headers: chen.write,
      payload: { name: 'hijacked' },
    });
    expect(chenEdit.statusCode).toBe(404);
    const shared = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: supervisor.write,
      payload: { name: 'Shared', scope: 'shared', actions },
    });
    expect(shared.statusCode).toBe(201);
    const linEditsShared = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/macros/${shared.json().id}`,
      headers: lin.write,
      payload: { name: 'renamed' },
    });
    expect(linEditsShared.statusCode).toBe(403);
    const anonymous = await desk.app.inject({ method: 'GET', url: '/api/v1/macros' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('previews without writing, then applies reply (customer language), note, status, tags, assignee; counts use', async () => {
    const lin = await desk.signIn('lin');
    const supervisor = await desk.signIn('supervisor');
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: supervisor.write,
      payload: {
        name: '提现延迟 · Withdrawal delay',
        scope: 'shared',
        actions: [
          {
            type: 'reply',
            zh: '{{customer.name}} 您好，工单 {{ticket.number}} 的提现正在排查。— {{agent.name}}',
            en: 'Hello {{customer.name}}, we are checking the withdrawal on {{ticket.number}}. — {{agent.name}}',
          },
          { type: 'note', body: 'Macro used on {{ticket.number}}' },
          { type: 'status', value: 'pending' },
          { type: 'priority', value: 'high' },
          { type: 'add_tags', tags: ['withdrawal-delay', 'trc20'] },
          { type: 'assignee', value: 'me' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const macroId = created.json().id as string;
    const ticket = await openTicket('macro-en-1', { name: 'Ada', language: 'en' });

    const preview = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/macros/${macroId}/preview`,
      headers: lin.write,
    });
    expect(preview.statusCode).toBe(200);
    const p = preview.json();
    expect(p.reply.language).toBe('en');
    expect(p.reply.body).toContain(`Hello Ada, we are checking the withdrawal on ${ticket.number}.`);
    expect(p.reply.body).toMatch(/— 林晓 Lin Xiao$/);
    expect(p.notes).toEqual([`Macro used on ${ticket.number}`]);
    const fields = p.changes.map((c: { field: string }) => c.field);
    expect(fields).toEqual(['status', 'priority', 'assignee', 'tags']);
    // Nothing written by the preview.
    const before = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: lin.read,
    });
    expect(before.json().status).toBe('new');
    expect(before.json().messages).toHaveLength(1);

    const applied = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/macros/${macroId}/apply`,
      headers: lin.write,
    });
    expect(applied.statusCode).toBe(200);
    const t = applied.json();
    expect(t.status).toBe('pending');
    expect(t.priority).toBe('high');
    expect(t.assignee.id).toBe(lin.agentId);
    expect([...t.tags].sort()).toEqual(['trc20', 'withdrawal-delay']);
    const reply = t.messages.find(
      (m: { visibility: string; seq: number }) => m.visibility === 'public' && m.seq > 1,
    );
    expect(reply.body).toContain('Hello Ada');
    expect(reply.authorId).toBe(lin.agentId);
    expect(t.messages.some((m: { visibility: string }) => m.visibility === 'internal')).toBe(true);
    // Each change is in the history as the agent's.
    const kinds = t.history.map((h: { kind: string }) => h.kind);
    expect(kinds).toEqual(expect.arrayContaining(['status', 'priority', 'assignee', 'tags']));
    expect(t.history.find((h: { kind: string }) => h.kind === 'priority').actorId).toBe(lin.agentId);

    // A Chinese-speaking customer gets the Chinese text.
    const zh = await openTicket('macro-zh-1', { name: '王伟' });
    const zhPreview = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${zh.id}/macros/${macroId}/preview`,
      headers: lin.write,
    });
    expect(zhPreview.json().reply.body).toContain(`王伟 您好，工单 ${zh.number} 的提现正在排查。`);

    const list = await desk.app.inject({ method: 'GET', url: '/api/v1/macros', headers: lin.read });
    const counted = list.json().items.find((m: { id: string }) => m.id === macroId);
    expect(counted.usageCount).toBe(1);
    expect(counted.lastUsedAt).not.toBeNull();
  });

  it('a macro that would break the status machine changes nothing at all', async () => {
    const lin = await desk.signIn('lin');
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: lin.write,
      payload: {
        name: 'note then reopen',
        scope: 'personal',
        actions: [
          { type: 'note', body: 'checked' },
          { type: 'status', value: 'new' },
        ],
      },
    });
    const ticket = await openTicket('macro-atomic-1');
    await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: lin.write,
      payload: { status: 'open' },
    });
    const applied = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/macros/${created.json().id}/apply`,
      headers: lin.write,
    });
    expect(applied.statusCode).toBe(409);
    const after = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: lin.read,
    });
    expect(after.json().messages).toHaveLength(1);
    const list = await desk.app.inject({ method: 'GET', url: '/api/v1/macros', headers: lin.read });
    expect(list.json().items.find((m: { id: string }) => m.id === created.json().id).usageCount).toBe(0);
  });
});
