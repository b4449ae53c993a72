import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('canned replies', () => {
  it('admins write them, agents find them by keyword, nobody else writes', async () => {
    const admin = await desk.signIn('admin');
    const lin = await desk.signIn('lin');
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/canned-replies',
      headers: admin.write,
      payload: {
        shortcut: 'wd-delay',
        title: '提现延迟',
        body: '{{customer.name}} 您好，工单 {{ticket.number}} 正在处理。— {{agent.name}}',
        language: 'zh-CN',
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/canned-replies',
      headers: admin.write,
      payload: { shortcut: 'wd', title: 'Withdrawal', body: 'Hello {{customer.name}}' },
    });

    const dup = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/canned-replies',
      headers: admin.write,
      payload: { shortcut: 'WD-DELAY', title: 'x', body: 'y' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('canned_shortcut_taken');

    const byAgent = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/canned-replies',
      headers: lin.write,
      payload: { shortcut: 'mine', title: 'x', body: 'y' },
    });
    expect(byAgent.statusCode).toBe(403);

    const found = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/canned-replies?q=wd',
      headers: lin.read,
    });
    expect(found.statusCode).toBe(200);
    // The exact keyword comes first.
    expect(found.json().items.map((c: { shortcut: string }) => c.shortcut)).toEqual(['wd', 'wd-delay']);
    const english = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/canned-replies?q=wd&language=en',
      headers: lin.read,
    });
    expect(english.json().items.map((c: { shortcut: string }) => c.shortcut)).toEqual(['wd']);

    const patched = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/canned-replies/${id}`,
      headers: admin.write,
      payload: { title: '提现延迟（新）' },
    });
    expect(patched.json().title).toBe('提现延迟（新）');
    const removed = await desk.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/canned-replies/${id}`,
      headers: admin.write,
    });
    expect(removed.statusCode).toBe(200);
    const again = await desk.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/canned-replies/${id}`,
      headers: admin.write,
    });
    expect(again.statusCode).toBe(404);
  });

  it('is not listed to anonymous callers or customers', async () => {
    const anon = await desk.app.inject({ method: 'GET', url: '/api/v1/canned-replies' });
    expect(anon.statusCode).toBe(401);
    const customer = await desk.customer('u-canned-1');
    const res = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/canned-replies',
      headers: customer.headers,
    });
    expect(res.statusCode).toBe(403);
  });
});
