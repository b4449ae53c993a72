import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswers } from '../../../shared/field-rules.ts';
import { createCategory, PROOF } from '../testing/category-payload.ts';
import { type AgentAuth, createTestDesk, RELAXED_PACE, type TestDesk } from '../testing/harness.ts';
import { multipartFile, PNG_1X1, TINY_PDF } from '../testing/multipart.ts';

/** A checklist's attachments field: ids of the customer's own uploads, linked to the new ticket. */
let desk: TestDesk;
let admin: AgentAuth;
let categoryId: string;
beforeAll(async () => {
  desk = await createTestDesk(RELAXED_PACE);
  admin = await desk.signIn('admin');
  categoryId = await createCategory(desk, admin, 'proof_files', 60, [PROOF]);
});
afterAll(async () => {
  await desk?.close();
});
const inject = (opts: InjectOptions) => desk.app.inject(opts);

async function upload(headers: Record<string, string>, name: string, bytes: Buffer) {
  const body = multipartFile(name, bytes);
  const res = await inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const open = (headers: Record<string, string>, fields: Record<string, unknown>, lang = 'en') =>
  inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: { ...headers, 'accept-language': lang },
    payload: { title: '充值截图', description: '见截图', categoryId, fields },
  });

describe('the attachments field type', () => {
  it('checks the shape and the count of the ids (shared rule)', () => {
    const fields = [{ key: 'proof', type: 'attachments' as const, required: true, maxFiles: 2 }];
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    expect(checkAnswers(fields, { proof: [id(1), id(2)] })).toEqual({
      ok: true,
      values: { proof: [id(1), id(2)] },
    });
    expect(checkAnswers(fields, { proof: [id(1), id(1)] })).toEqual({ ok: true, values: { proof: [id(1)] } });
    expect(checkAnswers(fields, { proof: [] })).toMatchObject({
      ok: false,
      problems: [{ problem: 'required' }],
    });
    expect(checkAnswers(fields, { proof: [id(1), id(2), id(3)] })).toMatchObject({
      problems: [{ key: 'proof', problem: 'too_many_files' }],
    });
    expect(checkAnswers(fields, { proof: 'not-a-list' })).toMatchObject({
      problems: [{ problem: 'wrong_type' }],
    });
    expect(checkAnswers(fields, { proof: ['../etc/passwd'] })).toMatchObject({
      problems: [{ problem: 'wrong_type' }],
    });
    // One file when the admin did not say.
    expect(
      checkAnswers([{ key: 'f', type: 'attachments', required: false }], { f: [id(1), id(2)] }),
    ).toMatchObject({
      problems: [{ problem: 'too_many_files' }],
    });
  });

  it('refuses maxFiles out of 1–5 and on a field of another type', async () => {
    for (const extra of [
      { type: 'attachments', maxFiles: 6 },
      { type: 'attachments', maxFiles: 0 },
      { type: 'text', maxFiles: 2 },
    ]) {
      const res = await inject({
        method: 'POST',
        url: '/api/v1/admin/categories',
        headers: admin.write,
        payload: {
          code: `bad_files_${extra.type}_${extra.maxFiles}`,
          nameZh: '坏',
          nameEn: 'Bad',
          teamId: null,
          defaultPriority: 'normal',
          customerMayPrioritise: false,
          form: { fields: [{ key: 'f', labelZh: '文件', labelEn: 'Files', required: false, ...extra }] },
          position: 61,
          active: true,
        },
      });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
    }
  });

  it("links the customer's own uploads to the ticket; the agent sees and downloads them", async () => {
    const customer = await desk.customer('u-proof-ok');
    const png = await upload(customer.headers, 'transfer.png', PNG_1X1);
    const pdf = await upload(customer.headers, 'statement.pdf', TINY_PDF);
    const res = await open(customer.headers, { proof: [png.id, pdf.id] });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json();
    expect(ticket.fields.proof).toEqual([png.id, pdf.id]);
    const files = ticket.messages[0].attachments.map((a: { id: string }) => a.id).sort();
    expect(files).toEqual([png.id, pdf.id].sort());

    const lin = await desk.signIn('lin');
    const seen = await inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: lin.read });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().fields.proof).toEqual([png.id, pdf.id]);
    const download = await inject({ method: 'GET', url: `/api/v1/attachments/${png.id}`, headers: lin.read });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG_1X1)).toBe(true);

    // Used once: the same id cannot be linked to a second ticket.
    const again = await open(customer.headers, { proof: [png.id] });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields).toEqual([
      expect.objectContaining({ key: 'proof', problem: 'unknown_file' }),
    ]);
  });

  it("refuses another customer's upload exactly as an unknown id, in the caller's language, leaving no ticket", async () => {
    const owner = await desk.customer('u-proof-owner');
    const thief = await desk.customer('u-proof-thief');
    const theirs = await upload(owner.headers, 'theirs.png', PNG_1X1);
    const stolen = await open(thief.headers, { proof: [theirs.id] });
    const unknown = await open(thief.headers, { proof: ['0b7c2a52-5f0e-4c1e-9d3a-2f6a4d1e8c90'] });
    expect(stolen.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    expect(stolen.json().error).toEqual(unknown.json().error);
    expect(stolen.json().error.message).toContain('Transfer screenshot: A file is unknown or already used');
    const zh = await open(thief.headers, { proof: [theirs.id] }, 'zh-CN');
    expect(zh.json().error.message).toContain('转账截图：文件不存在或已被使用');
    const mine = await inject({ method: 'GET', url: '/api/v1/me/tickets', headers: thief.headers });
    expect(mine.json().items).toHaveLength(0);
    // The owner can still use it: the refusal linked nothing.
    expect((await open(owner.headers, { proof: [theirs.id] })).statusCode).toBe(201);
  });

  it('refuses too many files and a required field left empty, in words', async () => {
    const customer = await desk.customer('u-proof-many');
    const ids = [
      (await upload(customer.headers, 'a.png', PNG_1X1)).id,
      (await upload(customer.headers, 'b.png', PNG_1X1)).id,
      (await upload(customer.headers, 'c.png', PNG_1X1)).id,
    ];
    const many = await open(customer.headers, { proof: ids }, 'zh-CN');
    expect(many.statusCode).toBe(400);
    expect(many.json().error.message).toContain('最多上传 2 个文件');
    const none = await open(customer.headers, {});
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields).toEqual([
      expect.objectContaining({ key: 'proof', problem: 'required' }),
    ]);
    // Nothing was linked by the refusals: the files still work on a good ticket.
    expect((await open(customer.headers, { proof: ids.slice(0, 2) })).statusCode).toBe(201);
  });

  it("takes a visitor session's own upload, and refuses it to another visitor", async () => {
    const visitor = async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/customer/session', payload: {} });
      expect(res.statusCode, res.body).toBe(201);
      return { authorization: `Bearer ${res.json().token}` };
    };
    const first = await visitor();
    const second = await visitor();
    const file = await upload(first, 'visitor.png', PNG_1X1);
    const refused = await open(second, { proof: [file.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([expect.objectContaining({ problem: 'unknown_file' })]);
    const ok = await open(first, { proof: [file.id] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().messages[0].attachments.map((a: { id: string }) => a.id)).toEqual([file.id]);
  });
});
