import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, type CustomerAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';
import { PNG_1X1, TINY_PDF, uploadFile } from '../testing/multipart.ts';
import { getTicketDetail } from './ticket-detail.ts';

// The detail's thread and history are written by PostgreSQL as JSON text and spliced into the
// answer (ticket-detail.ts): who may see which message, author and file must hold as they did
// when JavaScript built them — for the staff and for the customer, on a thread of every kind.

let desk: TestDesk;
let lin: AgentAuth;
let customer: CustomerAuth;
let ticket: { id: string; number: string };
const files: Record<string, string> = {};

const upload = (headers: Record<string, string>, name: string, bytes: Buffer) =>
  uploadFile(desk.app, headers, name, bytes);

beforeAll(async () => {
  desk = await createTestDesk();
  lin = await desk.signIn('lin');
  customer = await desk.customer('u-thread-detail', { name: '赵六', email: 'zhao@example.com' });
  files.opening = await upload(customer.headers, 'opening.png', PNG_1X1);
  const created = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: {
      title: '充值没到账',
      description: '充值 100 USDT 两小时了还没到',
      attachmentIds: [files.opening],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  ticket = created.json();
  files.reply = await upload(lin.write, 'steps.pdf', TINY_PDF);
  files.note = await upload(lin.write, 'internal.png', PNG_1X1);
  const say = async (body: string, visibility: 'public' | 'internal', attachmentIds: string[]) => {
    const res = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: lin.write,
      payload: { body, visibility, attachmentIds },
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  await say('请按附件的步骤查看 "memo" 与 \\ 反斜杠', 'public', [files.reply!]);
  await say('内部：链上已确认，等待入账', 'internal', [files.note!]);
  const status = await desk.app.inject({
    method: 'PATCH',
    url: `/api/v1/tickets/${ticket.id}`,
    headers: lin.write,
    payload: { status: 'pending' },
  });
  expect(status.statusCode, status.body).toBe(200);
});
afterAll(async () => {
  await desk?.close();
});

describe('a ticket thread, as each audience may see it', () => {
  it('the staff: every message with its author and files, the whole history, the customer row once', async () => {
    const res = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: lin.read,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    // The customer's whole row replaces the summary's customer where it stands: one member.
    expect(res.body.split('"customer":').length - 1).toBe(1);
    const body = res.json();
    expect(body.customer).toMatchObject({ uid: 'u-thread-detail', name: '赵六', email: 'zhao@example.com' });
    expect(body.email).toEqual([]);
    expect(body.messages.map((m: { visibility: string }) => m.visibility)).toEqual([
      'public',
      'public',
      'internal',
    ]);
    const [opening, reply, note] = body.messages;
    expect(opening).toMatchObject({ seq: 1, authorType: 'customer', authorName: '赵六' });
    expect(reply).toMatchObject({
      authorType: 'agent',
      authorId: lin.agentId,
      body: '请按附件的步骤查看 "memo" 与 \\ 反斜杠',
    });
    expect(reply.authorName).toBeTruthy();
    expect(opening.attachments).toEqual([
      {
        id: files.opening,
        fileName: 'opening.png',
        contentType: 'image/png',
        sizeBytes: PNG_1X1.length,
        url: `/api/v1/attachments/${files.opening}`,
      },
    ]);
    expect(reply.attachments.map((f: { id: string }) => f.id)).toEqual([files.reply]);
    expect(note.attachments.map((f: { id: string }) => f.id)).toEqual([files.note]);
    expect(body.attachmentCount).toBe(3);
    expect(body.history.map((e: { kind: string }) => e.kind)).toContain('status');
    expect(body.history.every((e: { actorId: unknown }) => e.actorId !== undefined)).toBe(true);
    // What other callers read (getTicketDetail) is the same detail, the customer row aside.
    const read = await getTicketDetail(desk.services.db, ticket.id, 'staff');
    expect({ ...body, customer: read!.customer, email: undefined }).toEqual({ ...read, email: undefined });
  });

  it('the customer: public messages only, staff authors hidden, visible files counted, status changes only', async () => {
    const res = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${ticket.id}`,
      headers: customer.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.messages).toHaveLength(2);
    const [opening, reply] = body.messages;
    expect(opening).toMatchObject({ authorType: 'customer', authorName: '赵六' });
    expect(opening.authorId).toBeTruthy();
    expect(reply).toMatchObject({ authorType: 'agent', authorId: null, authorName: null });
    expect(reply.attachments.map((f: { id: string }) => f.id)).toEqual([files.reply]);
    expect(body.attachmentCount).toBe(2);
    expect(res.body).not.toContain('内部');
    expect(res.body).not.toContain(files.note);
    expect(body.history.length).toBeGreaterThan(0);
    expect(
      body.history.every(
        (e: { kind: string; actorId: unknown }) => e.kind === 'status' && e.actorId === null,
      ),
    ).toBe(true);
    expect(body).toMatchObject({ tags: [], teamId: null, assignee: null, customFields: {} });
    expect(body).toHaveProperty('expectedReply');
    const read = await getTicketDetail(desk.services.db, ticket.id, 'customer');
    expect({ ...body, expectedReply: undefined }).toEqual({ ...read, expectedReply: undefined });
  });
});
