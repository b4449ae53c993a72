import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailChannel } from '../channels/email/channel.ts';
import { emailMessages } from '../channels/email/schema.ts';
import { buildMail, dnsFile, sendRaw, startMx } from '../channels/email/test-kit.ts';
import { channelDeliveries } from '../channels/schema.ts';
import { sign } from '../channels/webhook/signature.ts';
import { rawRows } from '../db/raw.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { multipartFile } from '../testing/multipart.ts';

/**
 * Issue #20 points 7–9, "secrets in every field": a seed phrase, a private key and a password in
 * context are typed into every place a customer (or anyone writing in) can type — through the
 * real routes, the signed webhook channel and SMTP — and then looked for in the logs (pino's
 * output at info level), in every row of every table (public and the job queue's schema, cast to
 * text) and in what the customer and the agents are answered. None may be found in clear.
 * docs/safety.md lists the places and the screen each goes through.
 */
const PHRASE = generateMnemonic(wordlist, 128); // 12 words, valid checksum
const KEY = randomBytes(32).toString('hex');
const PASSWORD = `Qz${randomBytes(6).toString('hex')}!7`;
const TEXT = `Help, my seed phrase is ${PHRASE}. My private key: 0x${KEY} and my password is ${PASSWORD}`;
/** What would give a secret away: six words of the phrase in a row, the key, the password. */
const NEEDLES = {
  phrase: PHRASE.split(' ').slice(3, 9).join(' '),
  key: KEY,
  password: PASSWORD,
};
const SUPPORT = 'support@lumen-exchange.example';

let desk: TestDesk;
let mx: Awaited<ReturnType<typeof startMx>>;
const logs: string[] = [];
const answers: { where: string; body: string }[] = [];

beforeAll(async () => {
  mx = await startMx();
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  desk = await createTestDesk(
    {
      CUSTOMER_MESSAGES_PER_10S: '100',
      EMAIL_MAILBOXES: `${SUPPORT}=general`,
      SMTP_PORT: '0',
      SMTP_HOST: '127.0.0.1',
      EMAIL_HOSTNAME: 'mx.lumen-exchange.example',
      EMAIL_RELAY_URL: `smtp://127.0.0.1:${mx.port}`,
      EMAIL_DNS_OVERRIDES_FILE: await dnsFile({ 'customer.example TXT': 'v=spf1 -all' }),
    },
    { logStream },
  );
});
afterAll(async () => {
  await desk?.close();
  await mx?.close();
});

type Inject = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers?: Record<string, string>;
  payload?: unknown;
};

async function call(where: string, options: Inject) {
  const res = await desk.app.inject(options as never);
  answers.push({ where, body: res.body });
  return res;
}

describe('a secret typed anywhere is found nowhere in clear (#20.7–9)', () => {
  it('puts a phrase, a key and a password in each place, then greps logs, database and answers', async () => {
    const api = '/api/v1';
    // 1. The identity token: a name typed in the host app, and the token itself in a URL.
    const identity = await desk.identityToken('everywhere-1', { name: PHRASE });
    const session = await call('customer session', {
      method: 'POST',
      url: `${api}/customer/session`,
      payload: { identityToken: identity },
    });
    expect(session.statusCode, session.body).toBe(201);
    const customer = { authorization: `Bearer ${session.json().token}` };
    await call('customer page with ?token=', { method: 'GET', url: `/help?token=${identity}` });
    await call('me with ?token=', { method: 'GET', url: `${api}/me?token=${identity}`, headers: customer });

    // 2. Help search, suggestions, the verify page.
    const q = encodeURIComponent(TEXT.slice(0, 200));
    const phrase = encodeURIComponent(PHRASE);
    await call('help search', { method: 'GET', url: `${api}/help/search?q=${phrase}`, headers: customer });
    await call('help search, long', { method: 'GET', url: `${api}/help/search?q=${q}`, headers: customer });
    await call('help suggest', { method: 'GET', url: `${api}/help/suggest?q=${phrase}`, headers: customer });
    await call('verify', { method: 'GET', url: `${api}/verify?value=${phrase}` });

    // 3. An attachment: its name and its text.
    const file = multipartFile(`${PHRASE}.txt`, Buffer.from(TEXT), 'text/plain');
    const upload = await call('upload', {
      method: 'POST',
      url: `${api}/attachments`,
      headers: { ...customer, ...file.headers },
      payload: file.payload,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const attachmentId = upload.json().id as string;

    // 4. A ticket (title, description) and a reply.
    const created = await call('ticket create', {
      method: 'POST',
      url: `${api}/me/tickets`,
      headers: customer,
      payload: { title: `Stolen funds ${PHRASE}`, description: TEXT, attachmentIds: [attachmentId] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticketId = created.json().id as string;
    await call('reply', {
      method: 'POST',
      url: `${api}/me/tickets/${ticketId}/messages`,
      headers: customer,
      payload: { body: TEXT },
    });

    // 5. CSAT: the comment on a solved ticket.
    const admin = await desk.signIn('admin');
    const solved = await call('solve', {
      method: 'PATCH',
      url: `${api}/tickets/${ticketId}`,
      headers: admin.write,
      payload: { status: 'solved' },
    });
    expect(solved.statusCode, solved.body).toBe(200);
    const rated = await call('csat', {
      method: 'PUT',
      url: `${api}/me/tickets/${ticketId}/rating`,
      headers: customer,
      payload: { score: 1, comment: TEXT },
    });
    expect(rated.statusCode, rated.body).toBe(200);

    // 6. The signed webhook channel: the sender's name and the text.
    const channel = await call('webhook channel', {
      method: 'POST',
      url: `${api}/channels`,
      headers: admin.write,
      payload: { kind: 'webhook', name: 'Relay', settings: { outboundUrl: 'https://relay.example/out' } },
    });
    expect(channel.statusCode, channel.body).toBe(201);
    const { inboundUrl, generatedSecrets } = channel.json();
    const body = JSON.stringify({
      id: 'everywhere-hook-1',
      chat: { id: 'chat-everywhere' },
      from: { id: 'user-everywhere', name: PHRASE },
      text: TEXT,
    });
    const ts = Math.floor(Date.now() / 1000);
    const pushed = await call('webhook push', {
      method: 'POST',
      url: new URL(inboundUrl).pathname,
      headers: {
        'content-type': 'application/json',
        'x-kefu-timestamp': String(ts),
        'x-kefu-signature': `v1=${sign(generatedSecrets.signingSecret, ts, body)}`,
      },
      payload: body,
    });
    expect(pushed.statusCode, pushed.body).toBe(200);

    // 7. Mail: subject, text part, HTML part (the phrase split over markup), sender's name.
    const words = PHRASE.split(' ');
    const raw = await buildMail({
      from: { name: PHRASE, address: 'someone@customer.example' },
      to: SUPPORT,
      subject: `Help ${PHRASE}`,
      messageId: '<everywhere-1@customer.example>',
      text: TEXT,
      html: `<p>Help, my seed phrase is <b>${words.slice(0, 5).join(' ')}</b> ${words.slice(5, 9).join(' ')}<br>${words.slice(9).join(' ')}.</p><p>My private key: 0x${KEY} and my password is ${PASSWORD}</p>`,
    });
    const port = (desk.services.channels.get('email') as unknown as EmailChannel).smtpPort()!;
    await sendRaw(port, raw, { from: 'someone@customer.example', to: [SUPPORT] });

    // Wait for the queue: the webhook message and the mail become tickets.
    const hookTicket = await eventually(async () => {
      const [row] = await desk.services.db
        .select({ ticketId: channelDeliveries.ticketId })
        .from(channelDeliveries)
        .where(eq(channelDeliveries.platformMessageId, 'everywhere-hook-1'));
      return row?.ticketId ?? null;
    });
    const mailTicket = await eventually(async () => {
      const [row] = await desk.services.db
        .select({ ticketId: emailMessages.ticketId })
        .from(emailMessages)
        .where(eq(emailMessages.rfcMessageId, 'everywhere-1@customer.example'));
      return row?.ticketId ?? null;
    });

    // What customers and agents are answered.
    const supervisor = await desk.signIn('supervisor');
    for (const id of [ticketId, hookTicket, mailTicket]) {
      await call(`agent ticket ${id}`, {
        method: 'GET',
        url: `${api}/tickets/${id}`,
        headers: supervisor.read,
      });
    }
    await call('agent rating', {
      method: 'GET',
      url: `${api}/tickets/${ticketId}/rating`,
      headers: admin.read,
    });
    await call('customer ticket', { method: 'GET', url: `${api}/me/tickets/${ticketId}`, headers: customer });
    await call('customer tickets', { method: 'GET', url: `${api}/me/tickets`, headers: customer });
    await call('me', { method: 'GET', url: `${api}/me`, headers: customer });
    await call('attachment', { method: 'GET', url: `${api}/attachments/${attachmentId}`, headers: customer });
    await call('agent attachment', {
      method: 'GET',
      url: `${api}/attachments/${attachmentId}`,
      headers: admin.read,
    });
    await call('unanswered searches', {
      method: 'GET',
      url: `${api}/help/admin/reports/searches`,
      headers: admin.read,
    });
    await call('agent ticket list', { method: 'GET', url: `${api}/tickets?limit=50`, headers: admin.read });

    // Every row of every table, as text.
    const tables = await rawRows<{ schema: string; name: string }>(
      desk.services.db,
      sql`select table_schema as schema, table_name as name from information_schema.tables
       where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    );
    const dump: { where: string; body: string }[] = [];
    for (const t of tables) {
      const rows = await rawRows<{ row: string }>(
        desk.services.db,
        sql.raw(`select t::text as row from "${t.schema}"."${t.name}" t`),
      );
      dump.push({ where: `${t.schema}.${t.name}`, body: rows.map((r) => r.row).join('\n') });
    }
    expect(tables.length).toBeGreaterThan(20);

    const found: string[] = [];
    const look = (kind: string, places: { where: string; body: string }[]) => {
      for (const p of places) {
        for (const [name, needle] of Object.entries(NEEDLES)) {
          // As typed, and as a URL carries it.
          const forms = [needle, encodeURIComponent(needle), needle.replaceAll(' ', '+')];
          if (forms.some((f) => p.body.includes(f))) found.push(`${kind} ${p.where}: ${name}`);
        }
      }
    };
    look('log', [{ where: 'pino', body: logs.join('') }]);
    if (logs.join('').includes(identity)) found.push('log: the identity token');
    look('database', dump);
    look('answer', answers);
    // The places were really exercised: the log has the requests, the tables the texts' masks.
    expect(logs.join('')).toContain('/help/search');
    expect(dump.map((d) => d.body).join('\n')).toContain('hidden]');
    expect(found).toEqual([]);
  }, 120_000);
});
