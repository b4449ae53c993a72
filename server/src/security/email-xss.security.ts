// XSS through the email channel (issue #20, "every customer-facing text field"): an outsider
// controls a mail's subject, its sender's display name, its text part and its HTML part. Mails
// carrying the payload families arrive over real SMTP; the tickets they make are opened in the
// agent workspace in Chromium, where nothing may run and the payloads must show as text.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EmailChannel } from '../channels/email/channel.ts';
import { emailMessages } from '../channels/email/schema.ts';
import { buildMail, dnsFile, sendRaw, startMx } from '../channels/email/test-kit.ts';
import { describeInBrowser, launchChromium, listenOnFreePort } from '../testing/browser.ts';
import { createTestDesk, eventually, RELAXED_PACE, type TestDesk } from '../testing/harness.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { tickets } from '../tickets/schema.ts';

const SUPPORT = 'support@lumen-exchange.example';
const SHORT = '"><img src=x onerror=window.__xss=1><svg onload=alert(1)>';
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<svg onload=window.__xss=1>',
  '<a href="javascript:window.__xss=1">link</a>',
  '[md link](javascript:window.__xss=1)',
  '<iframe src="javascript:parent.__xss=1"></iframe>',
  '<details open ontoggle=window.__xss=1>x</details>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '<a href="&#106;avascript:window.__xss=1">entity</a>',
];
/** In an HTML part, markup written as entities becomes markup again when the part is read as text. */
const ENCODED = PAYLOADS.map((p) =>
  p.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
);

let desk: TestDesk;
let base: string;
let smtpPort: number;
let mx: Awaited<ReturnType<typeof startMx>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
beforeAll(async () => {
  mx = await startMx();
  desk = await createTestDesk({
    ...RELAXED_PACE,
    EMAIL_MAILBOXES: `${SUPPORT}=general`,
    SMTP_PORT: '0',
    SMTP_HOST: '127.0.0.1',
    EMAIL_HOSTNAME: 'mx.lumen-exchange.example',
    EMAIL_RELAY_URL: `smtp://127.0.0.1:${mx.port}`,
    EMAIL_DNS_OVERRIDES_FILE: await dnsFile({
      'attacker.example TXT': 'v=spf1 ip4:127.0.0.1 -all',
      '_dmarc.attacker.example TXT': 'v=DMARC1; p=reject',
    }),
  });
  smtpPort = (desk.services.channels.get('email') as unknown as EmailChannel).smtpPort()!;
  base = await listenOnFreePort(desk.app);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await desk?.close();
  await mx?.close();
});

async function deliver(messageId: string, mail: Parameters<typeof buildMail>[0]) {
  const raw = await buildMail({ to: SUPPORT, messageId, ...mail });
  await sendRaw(smtpPort, raw, { from: 'x@attacker.example', to: [SUPPORT] });
  return eventually(async () => {
    const [row] = await desk.services.db
      .select({ number: tickets.number })
      .from(emailMessages)
      .innerJoin(tickets, eq(tickets.id, emailMessages.ticketId))
      .where(eq(emailMessages.rfcMessageId, messageId.replace(/^<|>$/g, '')));
    return row ? formatTicketNumber(row.number) : null;
  }, 30_000);
}

/** What a payload would leave behind if it ran, or any live script-bearing element. */
function traps(page: Page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('body *')];
    return {
      xss: (window as unknown as { __xss?: number }).__xss ?? null,
      handlers: all
        .filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')))
        .map((el) => el.outerHTML.slice(0, 80)),
      active: [
        ...document.querySelectorAll('body script, body iframe, body object, body embed, body form[action]'),
      ]
        .filter(
          (el) => !(el instanceof HTMLScriptElement && el.src && new URL(el.src).origin === location.origin),
        )
        .map((el) => el.outerHTML.slice(0, 80)),
      jsLinks: [...document.querySelectorAll('[href], [src], [action]')]
        .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '')
        .filter((v) =>
          /^(javascript|data:text\/html)/i.test([...v].filter((c) => c.charCodeAt(0) > 32).join('')),
        ),
    };
  });
}

describeInBrowser('XSS through the email channel', () => {
  it('subject, sender name, text part and HTML part run nowhere in the agent workspace', async () => {
    const withBoth = await deliver('<xss-both@attacker.example>', {
      from: { name: `Mallory${SHORT}`, address: 'x@attacker.example' },
      subject: `提现未到账 ${SHORT}`,
      text: PAYLOADS.join('\n'),
      html: `<p>提现</p>${PAYLOADS.join('<br>')}`,
    });
    const htmlOnly = await deliver('<xss-html@attacker.example>', {
      from: { name: `<img src=x onerror=window.__xss=1>`, address: 'x@attacker.example' },
      subject: '<script>window.__xss=1</script>',
      html: `<div>${ENCODED.join('<br>')}</div><script>window.__xss=1</script><img src=x onerror=window.__xss=1>`,
    });

    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    const supervisor = await desk.signIn('supervisor');
    await context.addCookies([
      { name: 'kefu_session', value: supervisor.read.cookie!.replace(/^kefu_session=/, ''), url: base },
    ]);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('popup', () => dialogs.push('popup'));

    for (const number of [withBoth, htmlOnly]) {
      await page.goto(`${base}/agent/tickets/${number}`);
      await page.locator('.message.from-customer').first().waitFor();
      await page.waitForTimeout(800);
      // The payloads are there, as text: the mail was read, not dropped.
      expect(await page.locator('.thread').textContent()).toContain('window.__xss=1');
      expect({ ...(await traps(page)), dialogs }).toEqual({
        xss: null,
        handlers: [],
        active: [],
        jsLinks: [],
        dialogs: [],
      });
    }
    // The inbox lists both tickets with their subjects and senders, as text.
    await page.goto(`${base}/agent/`);
    await page.click('.views button:has-text("全部")');
    await page.fill('input[name=q]', 'attacker.example');
    await page.press('input[name=q]', 'Enter');
    await page.locator('.tickets tbody tr', { hasText: htmlOnly }).waitFor();
    await page.waitForTimeout(500);
    expect({ ...(await traps(page)), dialogs }).toEqual({
      xss: null,
      handlers: [],
      active: [],
      jsLinks: [],
      dialogs: [],
    });
    await context.close();
  }, 180_000);
});
