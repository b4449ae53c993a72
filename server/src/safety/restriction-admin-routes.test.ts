import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { customerRestrictions } from './schema.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('mute and block in the admin console', () => {
  it('finds a customer by UID or email, lists who is restricted now, and forgets a mute that ran out', async () => {
    const mute = await desk.customer('restrict-1', { email: 'Mute.Me@mail.example', name: 'Mute Me' });
    const block = await desk.customer('restrict-2', { name: 'Block Me' });
    const supervisor = await desk.signIn('supervisor');
    const agent = await desk.signIn('lin');

    const forAgent = await desk.app.inject({
      url: '/api/v1/admin/customer-restrictions',
      headers: agent.read,
    });
    expect(forAgent.statusCode).toBe(403);
    const lookup = (q: string) =>
      desk.app.inject({
        url: `/api/v1/admin/customers/lookup?q=${encodeURIComponent(q)}`,
        headers: supervisor.read,
      });
    expect((await lookup('restrict-1')).json().items).toMatchObject([
      { id: mute.customerId, uid: 'restrict-1', name: 'Mute Me', restriction: null },
    ]);
    expect((await lookup('mute.me@MAIL.example')).json().items[0].id).toBe(mute.customerId);
    expect((await lookup('restrict')).json().items).toEqual([]);

    const put = (customerId: string, payload: Record<string, unknown>) =>
      desk.app.inject({
        method: 'PUT',
        url: `/api/v1/customers/${customerId}/restriction`,
        headers: supervisor.write,
        payload,
      });
    expect((await put(mute.customerId, { kind: 'muted', minutes: 60, reason: 'insults' })).statusCode).toBe(
      200,
    );
    expect((await put(block.customerId, { kind: 'blocked', reason: 'spam' })).statusCode).toBe(200);
    const list = async () =>
      (await desk.app.inject({ url: '/api/v1/admin/customer-restrictions', headers: supervisor.read })).json()
        .items as Array<{ customerId: string; kind: string; reason: string; byName: string }>;
    const now = await list();
    expect(now.map((r) => [r.customerId, r.kind, r.reason])).toEqual([
      [block.customerId, 'blocked', 'spam'],
      [mute.customerId, 'muted', 'insults'],
    ]);
    expect(now[0]!.byName).toMatch(/Zhou/);
    expect((await lookup('restrict-2')).json().items[0].restriction).toEqual({
      kind: 'blocked',
      until: null,
    });

    // A mute that ended is no restriction any more.
    await desk.services.db
      .update(customerRestrictions)
      .set({ until: new Date(Date.now() - 1000) })
      .where(eq(customerRestrictions.customerId, mute.customerId));
    expect((await list()).map((r) => r.customerId)).toEqual([block.customerId]);
    expect((await put(block.customerId, { kind: 'none' })).statusCode).toBe(200);
    expect(await list()).toEqual([]);
  });
});
