// The XSS payload families of OWASP's cheat sheets (XSS filter evasion, DOM-based XSS, mXSS), put
// into every text field a customer or an outsider controls and rendered in Chromium in the
// customer pages and the agent workspace. Each payload would set window.__xss or open a dialog if
// it ever ran; the test asserts neither happened and that no live handler or script element exists.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectChat } from '../chat/test-client.ts';
import { describeInBrowser, launchChromium, listenOnFreePort, PHONE } from '../testing/browser.ts';
import { createTestDesk, RELAXED_PACE, type TestDesk } from '../testing/harness.ts';

const FAMILIES: Record<string, string[]> = {
  scriptTags: [
    '<script>window.__xss=1</script>',
    '<ScRiPt>window.__xss=1</sCrIpT>',
    '<script src=data:text/javascript,window.__xss=1></script>',
    '<<script>window.__xss=1;//<</script>',
  ],
  eventHandlers: [
    '<img src=x onerror="window.__xss=1;alert(1)">',
    '<body onload=window.__xss=1>',
    '<input autofocus onfocus=window.__xss=1>',
    '<details open ontoggle=window.__xss=1>x</details>',
    '<video><source onerror="window.__xss=1"></video>',
    '<div onmouseover="window.__xss=1" style="position:fixed;inset:0">hover</div>',
  ],
  javascriptUrls: [
    '<a href="javascript:window.__xss=1">link</a>',
    '<iframe src="javascript:parent.__xss=1"></iframe>',
    '<form action="javascript:window.__xss=1"><button>go</button></form>',
    '[md link](javascript:window.__xss=1)',
    '<a href="data:text/html,<script>opener.__xss=1</script>">data</a>',
  ],
  svg: [
    '<svg onload=window.__xss=1>',
    '<svg><script>window.__xss=1</script></svg>',
    '<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>',
    '<svg><a xlink:href="javascript:window.__xss=1"><text y=20>x</text></a></svg>',
  ],
  css: [
    '<style>@import "javascript:window.__xss=1";</style>',
    '<div style="background:url(javascript:window.__xss=1)">css</div>',
    '<div style="width:expression(window.__xss=1)">ie</div>',
    '<link rel=stylesheet href="javascript:window.__xss=1">',
  ],
  attributeBreaking: [
    '"><img src=x onerror=window.__xss=1>',
    "'><svg onload=window.__xss=1>",
    '" autofocus onfocus="window.__xss=1" x="',
    '`><img src=x onerror=window.__xss=1>',
    '</textarea><script>window.__xss=1</script>',
    '</title><script>window.__xss=1</script>',
  ],
  encoded: [
    '&lt;script&gt;window.__xss=1&lt;/script&gt;',
    '&#60;img src=x onerror=window.__xss=1&#62;',
    '%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E',
    '\\u003cimg src=x onerror=window.__xss=1\\u003e',
    '<a href="jav&#x09;ascript:window.__xss=1">tab</a>',
    '<a href="&#106;avascript:window.__xss=1">entity</a>',
    '<IMG SRC=JaVaScRiPt:window.__xss=1>',
  ],
  mutation: [
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
    '<svg></p><style><a id="</style><img src=1 onerror=window.__xss=1>">',
    '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=window.__xss=1 src>">',
  ],
  templates: [
    '{{constructor.constructor("window.__xss=1")()}}',
    ['$', '{window.__xss=1}'].join(''),
    '<%= window.__xss=1 %>',
  ],
};
const PAYLOADS = Object.values(FAMILIES).flat();
const SHORT = '"><img src=x onerror=window.__xss=1><svg onload=alert(1)>';

/** A 1×1 PNG, so the file is accepted while its name carries a payload. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let desk: TestDesk;
let base: string;
let browser: Awaited<ReturnType<typeof launchChromium>>;
beforeAll(async () => {
  desk = await createTestDesk({ ...RELAXED_PACE });
  base = await listenOnFreePort(desk.app);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

/** Dialogs, and anything a payload left behind in the page. */
async function traps(page: Page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('body *')];
    return {
      xss: (window as unknown as { __xss?: number }).__xss ?? null,
      handlers: all
        .filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')))
        .map((el) => el.outerHTML.slice(0, 80)),
      active: [
        ...document.querySelectorAll(
          'body script, body iframe, body object, body embed, body link, body form[action]',
        ),
      ]
        .filter(
          (el) => !(el instanceof HTMLScriptElement && el.src && new URL(el.src).origin === location.origin),
        )
        .map((el) => el.outerHTML.slice(0, 80)),
      jsLinks: [...document.querySelectorAll('a[href], [href], [src], [action]')]
        .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '')
        .filter((v) =>
          /^(javascript|data:text\/html)/i.test([...v].filter((c) => c.charCodeAt(0) > 32).join('')),
        ),
    };
  });
}

function watch(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('popup', () => dialogs.push('popup'));
  return dialogs;
}

describeInBrowser('XSS payload families in every customer-facing field', () => {
  it('run nowhere: customer pages and agent workspace', async () => {
    const uid = 'u-xss-families';
    const customer = await desk.customer(uid, { name: `王${SHORT}`, language: 'zh-CN' });
    // Ticket title and description.
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: `提现${SHORT}`.slice(0, 200), description: PAYLOADS.join('\n') },
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticket = created.json() as { id: string; number: string };
    // An attachment whose name is a payload.
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), `${SHORT}.png`);
    const uploaded = await fetch(`${base}/api/v1/attachments`, {
      method: 'POST',
      headers: customer.headers,
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const fileId = ((await uploaded.json()) as { id: string }).id;
    // Messages: one per payload.
    for (const [i, body] of PAYLOADS.entries()) {
      const res = await desk.app.inject({
        method: 'POST',
        url: `/api/v1/me/tickets/${ticket.id}/messages`,
        headers: customer.headers,
        payload: { body, ...(i === 0 ? { attachmentIds: [fileId] } : {}) },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // A CSAT comment: the ticket is solved, the customer rates it.
    const admin = await desk.signIn('admin');
    const solved = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: admin.write,
      payload: { status: 'solved' },
    });
    expect(solved.statusCode, solved.body).toBe(200);
    const rated = await desk.app.inject({
      method: 'PUT',
      url: `/api/v1/me/tickets/${ticket.id}/rating`,
      headers: customer.headers,
      payload: { score: 1, comment: PAYLOADS.slice(0, 12).join(' ') },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    // Chat messages, over the WebSocket as the chat page sends them.
    const cats = (await desk.app.inject({ method: 'GET', url: '/api/v1/categories' })).json().items as Array<{
      id: string;
      code: string;
    }>;
    const chat = await connectChat(`${base.replace('http', 'ws')}/api/v1/chat/ws`, {
      token: customer.headers.authorization.replace('Bearer ', ''),
    });
    chat.send({ type: 'start', categoryId: cats.find((c) => c.code === 'account')!.id, lang: 'zh-CN' });
    const started = (await chat.waitFor((f) => f.type === 'chat')) as { ticketId: string };
    // Paced under the per-socket limit (10 a second, a burst of 20, the start frame included): a
    // frame over it is refused without a ref and resent later by the page's outbox, which this
    // client does not have; the test is about what the payloads do, not about the pace.
    for (const [i, body] of PAYLOADS.slice(0, 20).entries()) {
      chat.send({ type: 'send', ticketId: started.ticketId, clientId: `xss-${i}`, body });
      await new Promise((r) => setTimeout(r, 50));
    }
    // Each message is answered, stored (ack) or refused (error): a refused payload is never shown.
    const answered = (f: { type: string; clientId?: string; ref?: string }) =>
      (f.type === 'ack' && f.clientId === 'xss-19') || (f.type === 'error' && f.ref === 'xss-19');
    await chat.waitFor((f) => answered(f as never), 60_000);
    const refused = chat.frames.filter((f) => f.type === 'error');
    if (refused.length)
      console.log('chat payloads refused:', refused.map((f) => (f as { code: string }).code).join(','));
    chat.ws.close();

    const identity = await desk.identityToken(uid, { name: `王${SHORT}`, language: 'zh-CN' });
    const customerPages = [
      `/tickets/${ticket.id}`,
      `/tickets/${started.ticketId}`,
      '/tickets',
      `/help/search?q=${encodeURIComponent(SHORT)}`,
      `/help/search?q=${encodeURIComponent(PAYLOADS[5]!)}`,
      '/chat',
    ];
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    let first = true;
    for (const path of customerPages) {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const dialogs = watch(page);
      const url = `${base}${path}${first ? `${path.includes('?') ? '&' : '?'}token=${identity}` : ''}`;
      first = false;
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      if (path === `/tickets/${ticket.id}`) {
        // The thread is on the page, as text.
        await expect
          .poll(() => page.locator('body').textContent(), { timeout: 10_000 })
          .toContain('window.__xss=1');
      }
      expect({ path, ...(await traps(page)), dialogs }).toEqual({
        path,
        xss: null,
        handlers: [],
        active: [],
        jsLinks: [],
        dialogs: [],
      });
      await page.close();
    }
    await context.close();

    // The customer pages showed the solved ticket with its rating; the customer's reply (a last
    // payload) reopens it, so it is in the agents' views.
    const reopened = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/me/tickets/${ticket.id}/messages`,
      headers: customer.headers,
      payload: { body: SHORT },
    });
    expect(reopened.statusCode, reopened.body).toBe(201);
    // The agent workspace: the web ticket and the chat ticket, with the customer's panel.
    const agentContext = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'zh-CN',
    });
    const supervisor = await desk.signIn('supervisor');
    await agentContext.addCookies([
      { name: 'kefu_session', value: supervisor.read.cookie!.replace(/^kefu_session=/, ''), url: base },
    ]);
    const page = await agentContext.newPage();
    page.setDefaultTimeout(30_000);
    const dialogs = watch(page);
    for (const number of [ticket.number, null]) {
      // From the inbox each time: a ticket opened full-page has no views beside it.
      await page.goto(`${base}/agent/`);
      await page.click('.views button:has-text("全部")');
      await page.fill('input[name=q]', uid);
      await page.press('input[name=q]', 'Enter');
      const row = number
        ? page.locator('.tickets tbody tr', { hasText: number })
        : page.locator('.tickets tbody tr').filter({ hasNotText: ticket.number }).first();
      await row.waitFor();
      await row.click();
      await page.locator('.message.from-customer').first().waitFor();
      await page.waitForTimeout(800);
      expect(await page.locator('.thread').textContent()).toContain('window.__xss=1');
      expect({ ...(await traps(page)), dialogs }).toEqual({
        xss: null,
        handlers: [],
        active: [],
        jsLinks: [],
        dialogs: [],
      });
    }
    await agentContext.close();
  }, 180_000);
});
