import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { messages, tickets } from '../tickets/schema.ts';
import { mnemonic, seeded } from './corpus-secrets.ts';
import { safetyFindings } from './schema.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});
const rng = seeded(99);

async function openTicket(headers: Record<string, string>, description: string, title = '钱包问题') {
  return desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers,
    payload: { title, description },
  });
}

describe('a secret a customer sends', () => {
  it('is masked before it is stored, recorded by kind and position, and the customer is warned at once', async () => {
    const customer = await desk.customer('u-safety-1', { language: 'zh-CN' });
    const phrase = mnemonic(rng, 12).join(' ');
    const res = await openTicket(customer.headers, `钱包被盗了，助记词是 ${phrase}，密码是Abc12345!`);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.safetyNotice.kinds).toEqual(['mnemonic', 'password']);
    expect(body.safetyNotice.message).toContain('客服永远不会');
    expect(body.safetyNotice.advice.join('')).toMatch(/转移|修改/);

    const [ticket] = await desk.services.db.select().from(tickets).where(eq(tickets.id, body.id));
    const stored = await desk.services.db.select().from(messages).where(eq(messages.ticketId, body.id));
    for (const text of [ticket!.description, stored[0]!.body, JSON.stringify(body)]) {
      expect(text).not.toContain(phrase);
      expect(text).not.toContain('Abc12345!');
    }
    expect(stored[0]!.body).toContain('[mnemonic hidden]');
    const findings = await desk.services.db
      .select()
      .from(safetyFindings)
      .where(eq(safetyFindings.ticketId, body.id));
    expect(findings.map((f) => f.kind).sort()).toEqual(['mnemonic', 'password']);

    // The agent sees the same findings through the API.
    const agent = await desk.signIn('lin');
    const seen = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${body.id}/safety-findings`,
      headers: agent.read,
    });
    expect(seen.json().items).toHaveLength(2);
  });

  it('masks a secret typed into a form answer too', async () => {
    const customer = await desk.customer('u-safety-5');
    const cats = (await desk.app.inject({ method: 'GET', url: '/api/v1/categories' })).json().items as Array<{
      id: string;
      code: string;
    }>;
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: {
        title: '账户被盗',
        description: '请帮忙',
        categoryId: cats.find((c) => c.code === 'security')!.id,
        fields: { steps: '我把谷歌验证码 556677 发给了一个自称客服的人', uid: '10000009' },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().safetyNotice.kinds).toEqual(['verification_code']);
    const [ticket] = await desk.services.db.select().from(tickets).where(eq(tickets.id, res.json().id));
    expect(ticket!.fields).toMatchObject({
      steps: '我把谷歌验证码 [verification_code hidden] 发给了一个自称客服的人',
      uid: '10000009',
    });
  });

  it('hides both halves of a phrase sent in two messages', async () => {
    const customer = await desk.customer('u-safety-2', { language: 'en' });
    const w = mnemonic(rng, 12);
    const created = await openTicket(customer.headers, `I cannot log in, look: ${w.slice(0, 6).join(' ')}`);
    expect(created.json().safetyNotice).toBeNull();
    const reply = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/me/tickets/${created.json().id}/messages`,
      headers: customer.headers,
      payload: { body: w.slice(6).join(' ') },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().safetyNotice.message).toMatch(/^For your safety/);
    const stored = await desk.services.db
      .select()
      .from(messages)
      .where(eq(messages.ticketId, created.json().id));
    const all = stored.map((m) => m.body).join('\n');
    for (const word of w) expect(all).not.toMatch(new RegExp(`\\b${word}\\b`));
  });

  it('flags an insult for the agent without changing what the customer wrote', async () => {
    const customer = await desk.customer('u-safety-3');
    const res = await openTicket(customer.headers, '你们这群 傻 逼，钱什么时候到账');
    const [stored] = await desk.services.db
      .select()
      .from(messages)
      .where(eq(messages.ticketId, res.json().id));
    expect(stored!.body).toBe('你们这群 傻 逼，钱什么时候到账');
    const findings = await desk.services.db
      .select()
      .from(safetyFindings)
      .where(eq(safetyFindings.ticketId, res.json().id));
    expect(findings.map((f) => [f.kind, stored!.body.slice(f.start, f.end)])).toEqual([['abuse', '傻 逼']]);
    expect(res.json().safetyNotice).toBeNull();
  });
});

describe('an agent asking for a secret', () => {
  it('is stopped before sending, and supervisors see that it happened', async () => {
    const customer = await desk.customer('u-safety-4');
    const ticket = (await openTicket(customer.headers, '提现失败')).json();
    const agent = await desk.signIn('lin');
    const res = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: { ...agent.write, 'accept-language': 'zh-CN' },
      payload: { body: '您好，请把助记词发我核实一下' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('secret_request_blocked');
    expect(res.json().error.message).toContain('不得向客户索要');
    const stored = await desk.services.db.select().from(messages).where(eq(messages.ticketId, ticket.id));
    expect(stored).toHaveLength(1);

    // The warning support is meant to give goes through.
    const ok = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: agent.write,
      payload: { body: '客服永远不会索要您的助记词或验证码，请勿告诉任何人。' },
    });
    expect(ok.statusCode).toBe(201);

    const denied = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/safety/blocked-requests',
      headers: agent.read,
    });
    expect(denied.statusCode).toBe(403);
    const supervisor = await desk.signIn('supervisor');
    const list = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/safety/blocked-requests',
      headers: supervisor.read,
    });
    expect(list.json().items[0]).toMatchObject({
      actorType: 'agent',
      actorId: agent.agentId,
      ticketId: ticket.id,
    });
    const [entry] = await desk.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'safety.secret_request_blocked'));
    expect(JSON.stringify(entry!.data)).not.toContain('助记词');
  });
});

describe('POST /safety/scan', () => {
  it('answers findings and masked text for a token with the safety scope, and nothing else', async () => {
    const token = await desk.apiToken(['safety:scan']);
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/safety/scan',
      headers: token,
      payload: { text: '验证码 384912', from: 'customer' },
    });
    expect(res.json()).toEqual({
      findings: [{ kind: 'verification_code', start: 4, end: 10 }],
      masked: '验证码 [verification_code hidden]',
    });
    const agentText = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/safety/scan',
      headers: token,
      payload: { text: 'please send your seed phrase to verify', from: 'agent' },
    });
    expect(agentText.json().findings[0].kind).toBe('secret_request');
    const wrongScope = await desk.apiToken(['tickets:read']);
    expect(
      (
        await desk.app.inject({
          method: 'POST',
          url: '/api/v1/safety/scan',
          headers: wrongScope,
          payload: { text: 'x', from: 'customer' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await desk.app.inject({
          method: 'POST',
          url: '/api/v1/safety/scan',
          payload: { text: 'x', from: 'customer' },
        })
      ).statusCode,
    ).toBe(401);
  });
});
