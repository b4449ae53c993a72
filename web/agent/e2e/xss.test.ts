import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk, watchForScripts } from './browser-desk.ts';

/**
 * Stored XSS is the classic hole of help desks: a customer writes HTML into a subject, a message,
 * their name or a file name, and it runs in the agent's browser. Each payload here would set
 * window.__xss or open a dialog if it were ever interpreted.
 */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<svg onload="window.__xss=1"><circle r=5 /></svg>',
  '<svg><script>window.__xss=1</script></svg>',
  '<details open ontoggle="window.__xss=1;alert(2)">x</details>',
  '<a href="javascript:window.__xss=1">click me</a>',
  '[markdown link](javascript:window.__xss=1)',
  '![img](x" onerror="window.__xss=1)',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<style>body{background:url("javascript:window.__xss=1")}</style><div style="width:expression(window.__xss=1)">css</div>',
  '"><img src=x onerror=window.__xss=1>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
];

/** A 1×1 PNG, so the file is accepted and previewed while its name carries the payload. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
});
afterAll(async () => {
  await env?.close();
});

describeInBrowser('nothing a customer (or an agent) wrote runs in the workspace', () => {
  it('shows every payload as text in the inbox, the thread, the panels and the composer', async () => {
    const { desk, baseUrl } = env;
    const customer = await desk.customer('u-xss-1', {
      name: '<img src=x onerror="window.__xss=1">张<script>window.__xss=1</script>',
      email: 'xss@mail.example',
      region: '<svg onload=window.__xss=1>',
    });
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: {
        title: '<details open ontoggle="window.__xss=1">提现</details><script>alert(1)</script>',
        description: PAYLOADS.join('\n'),
      },
    });
    expect(created.statusCode).toBe(201);
    const ticket = created.json() as { id: string; number: string };

    // Over real HTTP, as a browser or the customer widget would upload.
    const form = new FormData();
    form.append(
      'file',
      new Blob([PNG], { type: 'image/png' }),
      '<svg onload=window.__xss=1>"onerror=alert(1) x.png',
    );
    const uploaded = await fetch(`${baseUrl}/api/v1/attachments`, {
      method: 'POST',
      headers: customer.headers,
      body: form,
    });
    const file = { statusCode: uploaded.status, body: await uploaded.text() };
    expect(file.statusCode, file.body).toBe(201);
    const fileId = (JSON.parse(file.body) as { id: string }).id;
    for (const [i, body] of PAYLOADS.entries()) {
      const res = await desk.app.inject({
        method: 'POST',
        url: `/api/v1/me/tickets/${ticket.id}/messages`,
        headers: customer.headers,
        payload: { body, ...(i === 0 ? { attachmentIds: [fileId] } : {}) },
      });
      expect(res.statusCode).toBe(201);
    }
    // Agents' Markdown goes through the sanitiser: raw HTML and javascript: links must not survive.
    const admin = await desk.signIn('admin');
    for (const visibility of ['public', 'internal'] as const) {
      const res = await desk.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ticket.id}/messages`,
        headers: admin.write,
        payload: { body: `**bold** ${PAYLOADS.join('\n\n')}`, visibility },
      });
      expect(res.statusCode).toBe(201);
    }
    await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: admin.write,
      payload: { tags: ['<img src=x onerror=alert(3)>', '<svg/onload=alert(4)>'] },
    });
    await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/canned-replies',
      headers: admin.write,
      payload: { shortcut: 'xss', title: '<img src=x onerror=alert(5)>', body: PAYLOADS.join('\n\n') },
    });

    const context = await env.context();
    await env.signInContext(context, 'supervisor');
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const dialogs = watchForScripts(page);
    const response = await page.goto(`${baseUrl}/agent/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await page.click('.views button:has-text("全部")');
    await page.fill('input[name=q]', 'u-xss-1');
    await page.press('input[name=q]', 'Enter');
    const row = page.locator('.tickets tbody tr', { hasText: ticket.number });
    await row.waitFor();
    // The subject is shown literally, tags and all.
    expect(await row.textContent()).toContain('<details open ontoggle=');
    await row.click();
    await page.locator('.message.from-customer').nth(PAYLOADS.length).waitFor();
    await page.locator('.message.note').waitFor();

    // Insert the canned reply full of payloads and look at its preview.
    await page.fill('input[name=canned]', 'xss');
    await page.locator('.suggestions button').first().waitFor();
    await page.press('input[name=canned]', 'Enter');
    await page.click('.composer .tabs button.link');
    await page.locator('.composer .preview').waitFor();

    // Try the links a payload might have left behind, as an agent would.
    for (const link of await page.locator('.thread a, .preview a').all()) {
      const target = await link.getAttribute('href');
      expect(target ?? '').not.toMatch(/^\s*javascript:/i);
    }
    // javascript: links were dropped by the renderer; click where they were, in case.
    await page.locator('.thread .markdown', { hasText: 'markdown link' }).first().click();
    await page.waitForTimeout(1_500);

    const text = await page.locator('.thread').textContent();
    expect(text).toContain('<script>window.__xss=1</script>');
    expect(text).toContain('<details open ontoggle=');
    expect(await page.locator('.attachment a[download]').textContent()).toContain(
      'svg onload=window.__xss=1',
    );

    const found = await page.evaluate(() => {
      const root = document.getElementById('root')!;
      const withHandlers = [...root.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')),
      );
      return {
        xss: (window as unknown as { __xss?: number }).__xss,
        scripts: root.querySelectorAll('script, iframe, svg, details, style, math, form, object, embed')
          .length,
        withHandlers: withHandlers.map((el) => el.outerHTML.slice(0, 80)),
        styled: root.querySelectorAll('[style]').length,
      };
    });
    expect(found).toEqual({ xss: undefined, scripts: 0, withHandlers: [], styled: 0 });
    expect(dialogs).toEqual([]);
    await page.screenshot({
      path: screenshotPath('xss-ticket.png'),
    });
    await context.close();
  }, 90_000);
});
