import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../testing/automation-kit.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { webhookSubscriptions } from './schema.ts';
import { sealSigningSecret, sealStoredSigningSecrets } from './signing-secret.ts';

let desk: TestDesk;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let failFirst = 2;

beforeAll(async () => {
  desk = await createTestDesk();
  receiver = await startWebhookReceiver(() => (failFirst-- > 0 ? 500 : 204));
});
afterAll(async () => {
  receiver?.close();
  await desk?.close();
});

/** Subscribes the test receiver to new tickets as the admin. */
async function subscribe(admin: { write: Record<string, string> }, name: string) {
  const created = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/admin/webhooks',
    headers: admin.write,
    payload: { name, url: receiver.url, events: ['ticket.created'] },
  });
  expect(created.statusCode).toBe(201);
  return created;
}

describe('outgoing webhooks', () => {
  it('signs each delivery, retries with back-off and logs every answer; loopback only when an admin allows it', async () => {
    const admin = await desk.signIn('admin');
    const created = await subscribe(admin, 'receiver');
    const secret = created.json().secret as string;
    receiver.useSecret(secret);
    const id = created.json().id as string;
    const allowed = await desk.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/webhooks/allowed-ranges',
      headers: admin.write,
      payload: { cidr: '127.0.0.0/8', note: 'test receiver' },
    });
    expect(allowed.statusCode).toBe(200);
    const customer = await desk.customer('hook-1');
    const ticket = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: '提现未到账', description: 'USDT' },
    });
    expect(ticket.statusCode).toBe(201);
    const log = await eventually(async () => {
      const res = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/admin/webhooks/${id}/deliveries`,
        headers: admin.read,
      });
      const d = res.json().items[0];
      return d?.status === 'delivered' ? d : null;
    }, 40_000);
    expect(log.log.map((a: { status: number }) => a.status)).toEqual([500, 500, 204]);
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((r) => r.valid)).toBe(true);
    expect(JSON.parse(receiver.received[2]!.body)).toMatchObject({
      type: 'ticket.created',
      ticket: { id: ticket.json().id },
    });
    const list = await desk.app.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: admin.read });
    expect(list.json().items[0].secret).not.toBe(secret);
  }, 90_000);

  it('keeps the signing secret sealed at rest: rotated on demand, earlier plain rows sealed, never sent unsigned when it cannot be opened', async () => {
    const admin = await desk.signIn('admin');
    const { db } = desk.services;
    const created = await subscribe(admin, 'sealed');
    const id = created.json().id as string;
    const first = created.json().secret as string;
    const stored = async () =>
      (
        (await db.execute(sql`select secret from ${webhookSubscriptions} where id = ${id}`)) as unknown as {
          rows: Array<{ secret: string }>;
        }
      ).rows[0]!.secret;
    expect(await stored()).not.toContain(first.slice(6));
    const shown = async () =>
      (await desk.app.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: admin.read }))
        .json()
        .items.find((w: { id: string }) => w.id === id) as {
        secret: string | null;
        secretUnreadable: boolean;
      };
    expect(await shown()).toMatchObject({ secret: `…${first.slice(-4)}`, secretUnreadable: false });

    const rotated = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/admin/webhooks/${id}/rotate-secret`,
      headers: admin.write,
    });
    expect(rotated.statusCode).toBe(200);
    const second = rotated.json().secret as string;
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    receiver.useSecret(second);
    const customer = await desk.customer('hook-sealed');
    const open = async (title: string) => {
      const res = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: customer.headers,
        payload: { title, description: 'USDT' },
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    const signed = await open('签名轮换');
    // (The first test's subscription hears the same event, signed with its own secret.)
    await eventually(
      async () =>
        receiver.received.find(
          (r) => r.valid && (r.payload as { ticket?: { id?: string } }).ticket?.id === signed,
        ) ?? null,
      40_000,
    );

    // A row of an earlier version (the secret itself) is sealed at boot and keeps its secret.
    await db.update(webhookSubscriptions).set({ secret: second }).where(eq(webhookSubscriptions.id, id));
    expect(await sealStoredSigningSecrets(db, desk.config.appSecret)).toBe(1);
    expect(await stored()).not.toContain(second.slice(6));
    expect(await shown()).toMatchObject({ secret: `…${second.slice(-4)}`, secretUnreadable: false });

    // Sealed under another APP_SECRET: said so, and a delivery is refused, not sent unsigned.
    await db
      .update(webhookSubscriptions)
      .set({ secret: sealSigningSecret('an-app-secret-of-another-install-000000', second) })
      .where(eq(webhookSubscriptions.id, id));
    expect(await shown()).toMatchObject({ secret: null, secretUnreadable: true });
    const unsigned = await open('密钥无法读取');
    const refused = await eventually(async () => {
      const res = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/admin/webhooks/${id}/deliveries`,
        headers: admin.read,
      });
      const d = (
        res.json().items as Array<{ ticketId: string; status: string; log: Array<{ error: string }> }>
      ).find((x) => x.ticketId === unsigned);
      return d?.status === 'refused' ? d : null;
    }, 40_000);
    expect(refused.log[0]!.error).toContain('rotate');
    // Nothing signed with its secret went out (the first test's subscription still delivers).
    expect(
      receiver.received.some(
        (r) => r.valid && (r.payload as { ticket?: { id?: string } }).ticket?.id === unsigned,
      ),
    ).toBe(false);
  }, 90_000);
});
