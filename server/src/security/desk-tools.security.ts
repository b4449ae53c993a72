// The desk's heavier tools attacked from inside (security round of 2026-12-03): macros, bulk
// actions and merges by agents who should not reach a ticket or a macro. Before the fixes an agent
// of the funds team merged (closed) tickets the account team holds, a bulk action went on changing
// tickets after its agent was deactivated, and a macro's `{{ticket.constructor}}` printed
// JavaScript's Object source into the text. The personal-macro and session checks held: they are
// kept here so they stay that way.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkJob } from '../bulk/run.ts';
import { bulkJobs } from '../bulk/schema.ts';
import { type AgentAuth, createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { customerTicket, requester } from './attack-kit.ts';

let desk: TestDesk;
let api: ReturnType<typeof requester>;
let admin: AgentAuth;
let supervisor: AgentAuth;
let lin: AgentAuth; // funds
let chen: AgentAuth; // account, security
beforeAll(async () => {
  desk = await createTestDesk();
  api = requester(desk);
  admin = await desk.signIn('admin');
  supervisor = await desk.signIn('supervisor');
  lin = await desk.signIn('lin');
  chen = await desk.signIn('chen');
});
afterAll(async () => {
  await desk?.close();
});

async function teamId(code: string): Promise<string> {
  const res = await api('GET', '/api/v1/teams', admin.read);
  return (res.json().items as Array<{ id: string; code: string }>).find((t) => t.code === code)!.id;
}

async function staffView(id: string) {
  return (await api('GET', `/api/v1/tickets/${id}`, admin.read)).json() as {
    status: string;
    tags: string[];
    mergedInto: { id: string } | null;
  };
}

describe("another agent's personal macro", () => {
  it('is not listed, previewed, applied, changed, deleted nor run in bulk by anyone else', async () => {
    const made = await api('POST', '/api/v1/macros', chen.write, {
      name: 'chen only',
      scope: 'personal',
      actions: [{ type: 'add_tags', tags: ['chen-macro'] }],
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().id as string;
    const t = await customerTicket(desk, 'tools-macro', '提现未到账');
    // The owner reaches it: the id is real.
    const own = await api('POST', `/api/v1/tickets/${t.number}/macros/${id}/preview`, chen.write);
    expect(own.statusCode).toBe(200);
    for (const who of [lin, supervisor, admin]) {
      const listed = await api('GET', '/api/v1/macros', who.read);
      expect(listed.json().items.map((m: { id: string }) => m.id)).not.toContain(id);
      for (const [method, url, body] of [
        ['POST', `/api/v1/tickets/${t.number}/macros/${id}/preview`, undefined],
        ['POST', `/api/v1/tickets/${t.number}/macros/${id}/apply`, undefined],
        ['PATCH', `/api/v1/macros/${id}`, { name: 'taken over' }],
        ['DELETE', `/api/v1/macros/${id}`, undefined],
        ['POST', '/api/v1/tickets/bulk', { ticketIds: [t.id], action: { type: 'macro', macroId: id } }],
      ] as const) {
        const res = await api(method, url, who.write, body);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
        expect(res.json().error.code).toBe('macro_not_found');
      }
    }
    expect((await staffView(t.id)).tags).not.toContain('chen-macro');
    // A plain agent writes no shared macro.
    const shared = { name: 'everyone', scope: 'shared', actions: [{ type: 'note', body: 'x' }] };
    expect((await api('POST', '/api/v1/macros', lin.write, shared)).statusCode).toBe(403);
  });

  it("template variables read the ticket's own values, not JavaScript's", async () => {
    const made = await api('POST', '/api/v1/macros', lin.write, {
      name: 'probe',
      scope: 'personal',
      actions: [{ type: 'note', body: '{{ticket.constructor}} {{constructor.name}} {{ticket.number}}' }],
    });
    const t = await customerTicket(desk, 'tools-template', '提现未到账');
    const preview = await api('POST', `/api/v1/tickets/${t.id}/macros/${made.json().id}/preview`, lin.write);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().notes).toEqual([`{{ticket.constructor}} {{constructor.name}} ${t.number}`]);
  });
});

describe('merging tickets', () => {
  it("follows the team rule: an agent merges no other team's tickets, nor two customers'", async () => {
    const first = await customerTicket(desk, 'tools-merge', '提现未到账');
    const second = await customerTicket(desk, 'tools-merge', '提现还是没到');
    const account = await teamId('account');
    for (const t of [first, second])
      expect(
        (await api('PATCH', `/api/v1/tickets/${t.id}`, supervisor.write, { teamId: account })).statusCode,
      ).toBe(200);
    const url = `/api/v1/tickets/${first.id}/merge`;
    const refused = await api(
      'POST',
      url,
      { ...lin.write, 'accept-language': 'en' },
      { tickets: [second.number] },
    );
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error.code).toBe('ticket_other_team');
    expect(refused.json().error.message).toContain('belongs to a team you are not in');
    expect((await staffView(second.id)).status).not.toBe('closed');

    const other = await customerTicket(desk, 'tools-merge-other', '别人的工单');
    await api('PATCH', `/api/v1/tickets/${other.id}`, supervisor.write, { teamId: account });
    const cross = await api('POST', url, chen.write, { tickets: [other.id] });
    expect(cross.statusCode).toBe(409);
    expect(cross.json().error.code).toBe('merge_other_customer');
    for (const outsider of [{}, first.customer.headers]) {
      const res = await api('POST', url, outsider, { tickets: [second.id] });
      expect([401, 403]).toContain(res.statusCode);
    }

    // The account team's agent may.
    const merged = await api('POST', url, chen.write, { tickets: [second.number] });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await staffView(second.id)).mergedInto?.id).toBe(first.id);
  });
});

describe('a deactivated agent', () => {
  it('has no session on the tools, and their bulk action stops changing tickets', async () => {
    const omar = await desk.signIn('omar');
    const t = await customerTicket(desk, 'tools-bulk', '提现未到账');
    // A run the agent started, waiting (a long selection's later batches, or a retry of its job).
    const [bulk] = await desk.services.db
      .insert(bulkJobs)
      .values({
        agentId: omar.agentId,
        action: { type: 'add_tags', tags: ['after-deactivation'] },
        ticketIds: [t.id],
        total: 1,
      })
      .returning();
    const off = await api('POST', `/api/v1/admin/agents/${omar.agentId}/deactivate`, admin.write);
    expect(off.statusCode, off.body).toBe(200);
    await desk.services.jobs.send(bulkJob, { bulkId: bulk!.id });
    const done = await eventually(async () => {
      const [row] = await desk.services.db.select().from(bulkJobs).where(eq(bulkJobs.id, bulk!.id));
      return row?.state === 'finished' ? row : null;
    }, 30_000);
    expect(done.changed).toBe(0);
    expect(done.failures.map((f) => f.code)).toEqual(['forbidden']);
    expect((await staffView(t.id)).tags).not.toContain('after-deactivation');

    // Their session is gone on every tool's route.
    for (const [method, url, body] of [
      ['GET', '/api/v1/macros', undefined],
      ['POST', '/api/v1/tickets/bulk', { ticketIds: [t.id], action: { type: 'priority', value: 'high' } }],
      ['POST', `/api/v1/tickets/${t.id}/merge`, { tickets: [t.id] }],
      ['POST', '/api/v1/incidents', { ticket: t.id }],
    ] as const) {
      const res = await api(method, url, omar.write, body);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  }, 60_000);

  it('a signed-out session is refused on the tools too', async () => {
    const maya = await desk.signIn('maya');
    expect((await api('GET', '/api/v1/macros', maya.read)).statusCode).toBe(200);
    expect((await api('POST', '/api/v1/auth/sign-out', maya.write)).statusCode).toBeLessThan(300);
    expect((await api('GET', '/api/v1/macros', maya.read)).statusCode).toBe(401);
    const bulk = { ticketIds: [crypto.randomUUID()], action: { type: 'priority', value: 'high' } };
    expect((await api('POST', '/api/v1/tickets/bulk', maya.write, bulk)).statusCode).toBe(401);
  });
});

describe('side conversations', () => {
  it("never go to the ticket's customer, whatever the form of their address", async () => {
    // An address with a tag is common (bob+exchange@…); the desk stores it as the customer gave it.
    const t = await customerTicket(desk, 'tools-side', '提现未到账', { email: 'bob+exchange@example.com' });
    const url = `/api/v1/tickets/${t.id}/side-conversations`;
    for (const to of ['bob+exchange@example.com', 'Bob+Other@Example.com', 'BOB@example.com']) {
      const res = await api('POST', url, lin.write, { to: [to], subject: 'KYC', body: 'internal question' });
      expect(res.statusCode, `${to}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('side_conversation_recipient_refused');
    }
  });

  it('through a channel: only staff who may work the ticket, and never to a made-up channel', async () => {
    const t = await customerTicket(desk, 'tools-side-channel', '提现未到账');
    await api('PATCH', `/api/v1/tickets/${t.id}`, supervisor.write, { teamId: await teamId('account') });
    const url = `/api/v1/tickets/${t.id}/side-conversations`;
    const body = {
      channel: { id: crypto.randomUUID(), chatId: '-100123' },
      subject: 'partner',
      body: 'internal question',
    };
    for (const outsider of [{}, t.customer.headers]) {
      expect([401, 403]).toContain(
        (await api('GET', '/api/v1/side-conversations/channels', outsider)).statusCode,
      );
      expect([401, 403]).toContain((await api('POST', url, outsider, body)).statusCode);
    }
    // An agent of another team is refused before the channel is even looked at.
    const other = await api('POST', url, lin.write, body);
    expect(other.statusCode, other.body).toBe(403);
    expect(other.json().error.code).toBe('ticket_other_team');
    const unknown = await api('POST', url, chen.write, body);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('side_conversation_channel_unusable');
    for (const chatId of ['', '-1\u0000', 'x'.repeat(129), '-1 OR 1=1']) {
      const bad = await api('POST', url, chen.write, { ...body, channel: { ...body.channel, chatId } });
      expect(bad.statusCode, JSON.stringify(chatId)).toBe(400);
    }
  });
});
