import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories } from '../desk/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

/**
 * Issue #20 point 14: an admin field pattern like `(a+)+` blocked the event loop for seconds on a
 * 28-character answer. Such patterns are refused when saved, and one already stored (saved before
 * the check existed) is never run: not by the server, and not served to the customer page.
 */
const EVIL = ['(a+)+', '(a|aa)+', '(\\w|\\d)+x', '(.*a){12}'];

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(() => desk?.close());

const form = (pattern: string) => ({
  fields: [{ key: 'orderId', type: 'text', labelZh: '订单号', labelEn: 'Order', required: true, pattern }],
});

describe('catastrophic field patterns (#20.14)', () => {
  it.each(EVIL)('refuses to save the pattern %s', async (pattern) => {
    const admin = await desk.signIn('admin');
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/categories',
      headers: admin.write,
      payload: {
        code: `evil-${Math.random().toString(36).slice(2, 8)}`,
        nameZh: '坏',
        nameEn: 'Evil',
        teamId: null,
        defaultPriority: 'normal',
        customerMayPrioritise: false,
        position: 900,
        active: true,
        form: form(pattern),
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(/backtrack|回溯/);
  });

  it('a stored one is not run on a hostile answer, and not served to the customer page', async () => {
    const db = desk.services.db;
    const [trading] = await db.select().from(categories).where(eq(categories.code, 'trading'));
    // As if saved before the check existed.
    await db
      .update(categories)
      .set({ form: form('(a+)+') as (typeof categories.$inferSelect)['form'] })
      .where(eq(categories.id, trading!.id));
    const customer = await desk.customer('redos-1');
    const started = performance.now();
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: {
        title: 'order problem',
        description: 'my order',
        categoryId: trading!.id,
        fields: { orderId: `${'a'.repeat(27)}!` },
      },
    });
    const took = performance.now() - started;
    expect(res.statusCode, res.body).toBe(201);
    expect(took).toBeLessThan(1000);

    const listed = await desk.app.inject({ method: 'GET', url: '/api/v1/categories' });
    const served = listed.json().items.find((c: { id: string }) => c.id === trading!.id);
    expect(served.form.fields[0].pattern).toBeUndefined();
  }, 120_000);
});
