import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistBlock, ServerFrame, TimelineItem } from '../../../shared/chat-protocol.ts';
import { attachments } from '../attachments/schema.ts';
import { createCategory, ORDER_AND_PROOF } from '../testing/category-payload.ts';
import { type AgentAuth, createTestDesk, RELAXED_PACE, type TestDesk } from '../testing/harness.ts';
import { multipartFile, PNG_1X1, TINY_PDF } from '../testing/multipart.ts';
import { messages, tickets } from '../tickets/schema.ts';
import { type ChatClient, connectChat } from './test-client.ts';

/**
 * A category's attachments field asked in a chat's checklist: the files go into the conversation
 * as one message of the customer's (so the agent sees them where they read), the answer keeps
 * their ids, and only the customer's own unused uploads are taken.
 */
let desk: TestDesk;
let admin: AgentAuth;
let wsUrl: string;
let categoryId: string;

beforeAll(async () => {
  desk = await createTestDesk({ ...RELAXED_PACE, PUBLIC_URL: 'http://desk.test' });
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
  admin = await desk.signIn('admin');
  categoryId = await createCategory(desk, admin, 'chat_proof', 61, ORDER_AND_PROOF);
}, 120_000);
afterAll(async () => {
  await desk?.close();
});

type ErrorFrame = Extract<ServerFrame, { type: 'error' }>;
type Chat = Extract<ServerFrame, { type: 'chat' }>;

async function upload(uid: string, name: string, bytes: Buffer): Promise<string> {
  const c = await desk.customer(uid);
  const body = multipartFile(name, bytes);
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...c.headers, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

async function customerSocket(uid: string): Promise<ChatClient> {
  const c = await desk.customer(uid);
  return connectChat(wsUrl, {
    token: c.headers.authorization.slice('Bearer '.length),
    headers: { 'accept-language': 'zh-CN' },
  });
}

const fileMessages = (ticketId: string) =>
  desk.services.db
    .select({ id: messages.id, body: messages.body, fileId: attachments.id })
    .from(messages)
    .innerJoin(attachments, eq(attachments.messageId, messages.id))
    .where(and(eq(messages.ticketId, ticketId), eq(messages.authorType, 'customer')));

describe("a chat checklist's attachments field", () => {
  it('is required like the ticket form, refuses a file that is not the customer’s, carries own files into the chat once', async () => {
    const customer = await customerSocket('50100001');
    customer.send({ type: 'start', categoryId, lang: 'zh-CN' });
    const chat = (await customer.waitFor((f) => f.type === 'chat')) as Chat;
    const errors = () =>
      customer.frames.filter((f): f is ErrorFrame => f.type === 'error' && f.ref === 'checklist');

    // No file: required, as on the ticket form, and nothing is stored.
    customer.send({ type: 'checklist', ticketId: chat.ticketId, fields: { orderId: 'A-1001' } });
    await customer.waitFor((f) => f.type === 'error' && f.ref === 'checklist');
    expect(errors()[0]!.fields).toEqual([expect.objectContaining({ key: 'proof', problem: 'required' })]);

    // Another customer's upload is refused on the field, and stays theirs (not linked, not shown).
    const foreign = await upload('50100002', 'theirs.png', PNG_1X1);
    customer.send({
      type: 'checklist',
      ticketId: chat.ticketId,
      fields: { orderId: 'A-1001', proof: [foreign] },
    });
    await customer.waitFor(() => errors().length === 2);
    expect(errors()[1]!.fields).toEqual([expect.objectContaining({ key: 'proof', problem: 'unknown_file' })]);
    const [theirs] = await desk.services.db.select().from(attachments).where(eq(attachments.id, foreign));
    expect(theirs!.ticketId).toBeNull();
    expect(await fileMessages(chat.ticketId)).toHaveLength(0);

    // Its own upload: saved, the answer holds the id, the file is in the conversation with the
    // field's name as the message's text.
    const first = await upload('50100001', 'proof.png', PNG_1X1);
    customer.send({
      type: 'checklist',
      ticketId: chat.ticketId,
      fields: { orderId: 'A-1001', proof: [first] },
    });
    const firstSaved = await customer.waitFor((f) => f.type === 'checklist_saved');
    const [row] = await desk.services.db.select().from(tickets).where(eq(tickets.id, chat.ticketId));
    expect(row!.fields).toEqual({ orderId: 'A-1001', proof: [first] });
    const sent = await fileMessages(chat.ticketId);
    expect(sent).toEqual([{ id: expect.any(String), body: '转账截图', fileId: first }]);
    // The customer's own timeline shows the message with its file.
    await customer.waitFor(
      (f) => f.type === 'item' && f.item.kind === 'message' && f.item.attachments.some((a) => a.id === first),
    );

    // Edited and sent again with the same file plus one more: only the new one is sent.
    const second = await upload('50100001', 'record.pdf', TINY_PDF);
    customer.send({
      type: 'checklist',
      ticketId: chat.ticketId,
      fields: { orderId: 'A-1002', proof: [first, second] },
    });
    await customer.waitFor((f) => f.type === 'checklist_saved' && f !== firstSaved);
    const after = await fileMessages(chat.ticketId);
    expect(after.map((m) => m.fileId).sort()).toEqual([first, second].sort());
    expect(new Set(after.map((m) => m.id)).size).toBe(2);
    const [stored] = await desk.services.db.select().from(tickets).where(eq(tickets.id, chat.ticketId));
    expect(stored!.fields).toEqual({ orderId: 'A-1002', proof: [first, second] });

    // More than the field's limit is refused before anything is sent.
    const third = await upload('50100001', 'more.png', PNG_1X1);
    customer.send({
      type: 'checklist',
      ticketId: chat.ticketId,
      fields: { orderId: 'A-1002', proof: [first, second, third] },
    });
    await customer.waitFor(() => errors().length === 3);
    expect(errors()[2]!.fields).toEqual([
      expect.objectContaining({ key: 'proof', problem: 'too_many_files' }),
    ]);
    const [unused] = await desk.services.db.select().from(attachments).where(eq(attachments.id, third));
    expect(unused!.ticketId).toBeNull();

    // The agent's view: the newest block names the files, the ticket's answers hold them.
    const lin = await desk.signIn('admin');
    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${chat.ticketId}`,
      headers: lin.read,
    });
    const body = detail.json() as {
      fields: Record<string, unknown>;
      history: Array<{ kind: string; to: unknown }>;
      messages: Array<{ attachments: Array<{ id: string }> }>;
    };
    expect(body.fields).toMatchObject({ proof: [first, second] });
    const blocks = body.history.filter((h) => h.kind === 'checklist').map((h) => h.to as ChecklistBlock);
    expect(blocks.at(-1)!.fields.proof).toEqual([first, second]);
    expect(body.messages.flatMap((m) => m.attachments.map((a) => a.id)).sort()).toEqual(
      [first, second].sort(),
    );
    await customer.close();
  }, 60_000);

  it('takes no files from the host app: a file id passed as a fact is left out', async () => {
    const own = await upload('50100003', 'app.png', PNG_1X1);
    const customer = await customerSocket('50100003');
    // A list is not a fact (the frame's type says so); a page or app may still send one.
    customer.send({
      type: 'start',
      categoryId,
      lang: 'zh-CN',
      facts: { orderId: 'B-7', proof: [own] } as unknown as Record<string, string>,
    });
    const chat = (await customer.waitFor((f) => f.type === 'chat')) as Chat;
    const [row] = await desk.services.db.select().from(tickets).where(eq(tickets.id, chat.ticketId));
    expect(row!.fields).toEqual({ orderId: 'B-7' });
    const items = customer.frames.filter(
      (f): f is Extract<ServerFrame, { type: 'item' }> => f.type === 'item' && f.item.kind === 'message',
    );
    expect(
      items.some((f) => (f.item as Extract<TimelineItem, { kind: 'message' }>).attachments.length > 0),
    ).toBe(false);
    await customer.close();
  });
});
