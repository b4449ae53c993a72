// Notification mails over real SMTP on loopback: customers' grouped notices and agents' mails.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../customers/schema.ts';
import { agentNotifications } from '../../notifications/agent-schema.ts';
import { createTestDesk, eventually, type TestDesk } from '../../testing/harness.ts';
import type { EmailChannel } from './channel.ts';
import { mailAgentNotice } from './notify.ts';
import { emailAddresses, emailMessages } from './schema.ts';
import { dnsFile, type Received, rsaKeys, startMx } from './test-kit.ts';

let desk: TestDesk;
let mx: Awaited<ReturnType<typeof startMx>>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mailsTo = (address: string) => mx.inbox.filter((m) => m.rcptTo.includes(address));
const unfolded = (m: Received) => m.raw.toString('utf8').replace(/\r?\n[ \t]+/g, ' ');

beforeAll(async () => {
  const key = rsaKeys();
  const { writeFile, mkdtemp } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'kefu-dkim-'));
  await writeFile(join(dir, 'dkim.pem'), key.privateKey);
  mx = await startMx();
  desk = await createTestDesk({
    EMAIL_MAILBOXES: 'support@lumen-exchange.example=general',
    EMAIL_RELAY_URL: `smtp://127.0.0.1:${mx.port}`,
    EMAIL_DKIM_KEY_FILE: join(dir, 'dkim.pem'),
    EMAIL_DKIM_SELECTOR: 'kefu',
    EMAIL_DNS_OVERRIDES_FILE: await dnsFile({}),
    // A burst of replies a test posts within a second or two is one mail.
    EMAIL_NOTIFY_DELAY_SECONDS: '2',
    EMAIL_NOTIFY_POLL_SECONDS: '1',
  });
}, 30_000);

afterAll(async () => {
  await desk?.close();
  await mx?.close();
});

async function webTicket(uid: string, email: string, language: 'en' | 'zh-CN') {
  const customer = await desk.customer(uid, { language });
  await desk.services.db
    .update(customers)
    .set({ email, language })
    .where(eq(customers.id, customer.customerId));
  const cats = await desk.app.inject({ method: 'GET', url: '/api/v1/categories' });
  const categoryId = (cats.json().items as Array<{ id: string; code: string }>).find(
    (c) => c.code === 'account',
  )!.id;
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: 'Cannot log in', description: 'My login fails', categoryId },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string };
}

async function reply(ticketId: string, body: string) {
  const lin = await desk.signIn('lin');
  const res = await desk.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${ticketId}/messages`,
    headers: lin.write,
    payload: { body },
  });
  expect(res.statusCode).toBe(201);
}

describe('notification mails', () => {
  const bob = 'bob@customer.example';
  let ticketId: string;

  it('sends one signed, automatic mail for a burst of three replies on a web ticket', async () => {
    const ticket = await webTicket('u-notify-bob', bob, 'en');
    ticketId = ticket.id;
    for (const body of ['First answer', 'Second answer', 'Third answer']) await reply(ticket.id, body);
    const [mail] = await eventually(async () => {
      const got = mailsTo(bob);
      return got.length > 0 ? got : null;
    }, 20_000);
    await sleep(4000);
    expect(mailsTo(bob)).toHaveLength(1);
    const text = mail!.mail.text ?? '';
    for (const body of ['First answer', 'Second answer', 'Third answer']) expect(text).toContain(body);
    expect(text).toContain('3 new replies');
    // The mail links to the ticket's own page (#18), not to the help center in general.
    expect(text).toMatch(new RegExp(`https?://[^\\s]+/tickets/${ticket.id}\\b`));
    expect(mail!.mail.subject).toContain(`[${ticket.number}]`);
    const raw = unfolded(mail!);
    expect(raw).toMatch(/^Auto-Submitted: auto-generated/im);
    expect(raw).toMatch(/^DKIM-Signature: .*s=kefu/im);
    expect(raw).toMatch(/^X-Kefu-Verification: [2-9A-Z]{4}-[2-9A-Z]{4}/im);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);
    expect(raw).toMatch(/^List-Unsubscribe: <http[^>]+\/api\/v1\/email\/unsubscribe\?[^>]+>/im);
  }, 40_000);

  it('tells of the solution with a rating link that works', async () => {
    const lin = await desk.signIn('lin');
    const res = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticketId}`,
      headers: lin.write,
      payload: { status: 'solved' },
    });
    expect(res.statusCode).toBe(200);
    const mail = await eventually(async () => mailsTo(bob)[1] ?? null, 20_000);
    const token = /\/rate\/([\w.-]+)/.exec(mail.mail.text ?? '')?.[1];
    expect(token).toBeTruthy();
    const rated = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/csat/${token}`,
      payload: { score: 5, comment: 'quick' },
    });
    expect(rated.statusCode).toBe(200);
    expect(rated.json().rating.score).toBe(5);
  }, 40_000);

  it('a one-click unsubscribe stops notification mails; a failing address gets none either', async () => {
    const link = /^List-Unsubscribe: <([^>]+)>/im.exec(unfolded(mailsTo(bob)[0]!))![1]!;
    const url = new URL(link);
    const forged = await desk.app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search.replace(/t=[^&]+/, 't=AAAAAAAAAAAAAAAAAAAAAA')}`,
    });
    expect(forged.statusCode).toBe(404);
    const res = await desk.app.inject({ method: 'POST', url: `${url.pathname}${url.search}` });
    expect(res.statusCode).toBe(200);
    const [row] = await desk.services.db.select().from(emailAddresses).where(eq(emailAddresses.address, bob));
    expect(row?.unsubscribed).toBe(true);

    const carol = 'carol@customer.example';
    await desk.services.db.insert(emailAddresses).values({ address: carol, failing: true });
    const other = await webTicket('u-notify-carol', carol, 'zh-CN');
    await reply(other.id, '请提供截图');
    const bobTicket = await webTicket('u-notify-bob', bob, 'en');
    await reply(bobTicket.id, 'Another answer');
    const skipped = await eventually(async () => {
      const rows = await desk.services.db
        .select()
        .from(emailMessages)
        .where(and(eq(emailMessages.kind, 'notification'), eq(emailMessages.status, 'skipped')));
      return rows.length >= 2 ? rows : null;
    }, 20_000);
    expect(skipped.map((r) => r.error).sort()).toEqual(['address_failing', 'unsubscribed']);
    expect(mailsTo(carol)).toHaveLength(0);
    expect(mailsTo(bob)).toHaveLength(2);
  }, 40_000);

  it('mails an agent who chose email their assignment, once', async () => {
    const lin = await desk.signIn('lin');
    const prefs = await desk.app.inject({
      method: 'PUT',
      url: '/api/v1/agent/notification-preferences',
      headers: lin.write,
      payload: { items: [{ kind: 'assigned', inApp: true, email: true }] },
    });
    expect(prefs.statusCode).toBe(200);
    const ticket = await webTicket('u-notify-dave', 'dave@customer.example', 'en');
    const supervisor = await desk.signIn('supervisor');
    const res = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: supervisor.write,
      payload: { assigneeId: lin.agentId },
    });
    expect(res.statusCode).toBe(200);
    const linAddress = 'lin@lumen-exchange.example';
    const mail = await eventually(async () => mailsTo(linAddress)[0] ?? null, 20_000);
    expect(mail.mail.text).toContain(ticket.number);
    expect(unfolded(mail)).toMatch(/^Auto-Submitted: auto-generated/im);
    // The job marks the notice after the SMTP server has taken the mail: the mail can arrive first.
    const notice = await eventually(async () => {
      const [row] = await desk.services.db
        .select()
        .from(agentNotifications)
        .where(and(eq(agentNotifications.agentId, lin.agentId), eq(agentNotifications.kind, 'assigned')));
      return row?.emailedAt ? row : null;
    }, 20_000);
    expect(notice.emailedAt).not.toBeNull();
    // Two nodes' jobs for the same notice: the conditional update lets neither send it again.
    const outbound = (desk.services.channels.get('email') as unknown as EmailChannel).outbound;
    await Promise.all([
      mailAgentNotice(outbound, notice!.id, { finalAttempt: false }),
      mailAgentNotice(outbound, notice!.id, { finalAttempt: false }),
    ]);
    await sleep(2500);
    expect(mailsTo(linAddress)).toHaveLength(1);
  }, 40_000);
});
