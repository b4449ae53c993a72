import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { channels } from './schema.ts';
import { sealChannelSecrets, sealStoredChannelSecrets } from './sealed-secrets.ts';
import { postSigned } from './webhook/test-delivery.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

interface Created {
  id: string;
  inboundUrl: string;
  generatedSecrets: { signingSecret: string };
}

function post(channel: Created, secret: string, id: string) {
  const message = { id, chat: { id: 'c-1' }, from: { id: 'u-1', name: 'A' }, text: '提现没到账' };
  return postSigned(desk.app, channel.inboundUrl, secret, message);
}

/** The column's text as a copy of the database would show it. */
async function storedText(id: string): Promise<string> {
  const result = (await desk.services.db.execute(
    sql`select secrets::text as t from ${channels} where id = ${id}`,
  )) as unknown as { rows: Array<{ t: string }> };
  return result.rows[0]!.t;
}

describe('channel secrets are sealed at rest', () => {
  it('stores no secret in the clear, opens rows of an earlier version and seals them, and survives a changed APP_SECRET by asking again', async () => {
    const admin = await desk.signIn('admin');
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: admin.write,
      payload: { kind: 'webhook', name: 'Sealed relay', settings: {} },
    });
    expect(res.statusCode).toBe(201);
    const channel = res.json() as Created;
    const secret = channel.generatedSecrets.signingSecret;
    expect(secret.length).toBeGreaterThan(20);

    // A copy of the database does not hold it; the channel still verifies deliveries with it.
    const text = await storedText(channel.id);
    expect(text).not.toContain(secret);
    expect(Object.keys(JSON.parse(text))).toEqual(['$sealed']);
    expect((await post(channel, secret, 'm-1')).statusCode).toBe(200);
    expect((await post(channel, 'whsec_not-the-right-one-000000000000', 'm-2')).statusCode).toBe(401);

    // A row written plain by an earlier version still works, and boot seals it.
    await desk.services.db
      .update(channels)
      .set({ secrets: { signingSecret: secret } })
      .where(eq(channels.id, channel.id));
    expect((await post(channel, secret, 'm-3')).statusCode).toBe(200);
    expect(await sealStoredChannelSecrets(desk.services.db, desk.config.appSecret)).toBe(1);
    expect(await sealStoredChannelSecrets(desk.services.db, desk.config.appSecret)).toBe(0);
    expect(await storedText(channel.id)).not.toContain(secret);
    expect((await post(channel, secret, 'm-4')).statusCode).toBe(200);

    // Sealed under another APP_SECRET: refused with a 503 (the platform retries), never a 500, and
    // the admin is told to enter the secrets again.
    await desk.services.db
      .update(channels)
      .set({
        secrets: sealChannelSecrets('another-app-secret-of-another-install', { signingSecret: secret }),
      })
      .where(eq(channels.id, channel.id));
    const refused = await post(channel, secret, 'm-5');
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('channel_unavailable');
    const listed = async () =>
      (await desk.app.inject({ method: 'GET', url: '/api/v1/channels', headers: admin.read }))
        .json()
        .items.find((c: { id: string }) => c.id === channel.id) as {
        secretsSet: string[];
        secretsUnreadable: boolean;
      };
    expect(await listed()).toMatchObject({ secretsSet: [], secretsUnreadable: true });

    const fresh = 'whsec_entered-again-after-the-key-changed-123';
    const patched = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${channel.id}`,
      headers: admin.write,
      payload: { secrets: { signingSecret: fresh } },
    });
    expect(patched.statusCode).toBe(200);
    expect(await listed()).toMatchObject({ secretsSet: ['signingSecret'], secretsUnreadable: false });
    expect((await post(channel, fresh, 'm-6')).statusCode).toBe(200);
    expect((await post(channel, secret, 'm-7')).statusCode).toBe(401);
    expect(await storedText(channel.id)).not.toContain(fresh);
  });
});
