import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

/**
 * A copy of the database (a leaked backup, a read replica someone can reach) must not give away
 * the credentials the desk holds for others: a channel's bot or account token, a webhook channel's
 * signing secret, an outgoing webhook's signing secret, an API token. Each is set through the API,
 * then every table of the database is read whole, as text, and searched for it.
 */
let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function everyTableAsText(): Promise<string> {
  const { db } = desk.services;
  const tables = (
    (await db.execute(
      sql`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    )) as unknown as { rows: Array<{ name: string }> }
  ).rows;
  expect(tables.length).toBeGreaterThan(20);
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = (
      (await db.execute(sql`select row_to_json(t)::text as r from ${sql.identifier(name)} t`)) as unknown as {
        rows: Array<{ r: string }>;
      }
    ).rows;
    for (const row of rows) parts.push(row.r);
  }
  return parts.join('\n');
}

describe('credentials at rest', () => {
  it('no table holds a channel secret, a webhook signing secret or an API token in the clear', async () => {
    const admin = await desk.signIn('admin');
    const secrets: string[] = [];

    const weibo = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: admin.write,
      payload: {
        kind: 'weibo',
        name: 'Weibo at rest',
        enabled: false,
        settings: { account: 'lumen_rest' },
        secrets: {
          appSecret: 'weibo-app-secret-at-rest-7f3a9c',
          accessToken: '2.00weibo-access-token-at-rest-x9',
        },
      },
    });
    expect(weibo.statusCode, weibo.body).toBe(201);
    secrets.push('weibo-app-secret-at-rest-7f3a9c', '2.00weibo-access-token-at-rest-x9');

    const relay = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: admin.write,
      payload: { kind: 'webhook', name: 'Relay at rest', enabled: false, settings: {} },
    });
    expect(relay.statusCode, relay.body).toBe(201);
    secrets.push(relay.json().generatedSecrets.signingSecret);

    const hook = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: admin.write,
      payload: { name: 'at rest', url: 'https://hooks.example.com/kefu', events: ['ticket.created'] },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    secrets.push(hook.json().secret);
    const rotated = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/admin/webhooks/${hook.json().id}/rotate-secret`,
      headers: admin.write,
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    secrets.push(rotated.json().secret);

    const token = await desk.apiToken(['tickets:read']);
    secrets.push(token.authorization.replace(/^Bearer /, ''));

    const dump = await everyTableAsText();
    // The dump is real: it holds what was stored next to the secrets.
    expect(dump).toContain('Weibo at rest');
    expect(dump).toContain('https://hooks.example.com/kefu');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(16);
      // Neither whole nor a telling piece of it.
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(secret.slice(-16));
    }
  });
});
