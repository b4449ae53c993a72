import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { DEMO_PASSWORDS } from '../../../server/src/testing/harness.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk, totpCode } from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

describeInBrowser('admin console: two-factor required by role', () => {
  it('an agent without two-factor is sent to enrol and reaches the desk only once it is on', async () => {
    const { desk, baseUrl } = env;
    const lin = await desk.signIn('lin');
    const linName = (await desk.app.inject({ url: '/api/v1/auth/me', headers: lin.read })).json().agent
      .name as string;

    const adminContext = await env.context();
    await env.signInContext(adminContext, 'admin');
    const admin = await adminContext.newPage();
    admin.setDefaultTimeout(20_000);
    await admin.goto(`${baseUrl}/agent/admin/two-factor`);
    // Ticked and read back in one task: the box must show the choice as soon as the click's handler
    // returns, not only after the save's state reaches React on a later tick (CI once saw Playwright's
    // check() read the box in between and find it unticked).
    const ticked = await admin
      .locator('input[name=twoFactorRole][value=agent]')
      .evaluate((box: HTMLInputElement) => {
        box.click();
        return box.checked;
      });
    expect(ticked).toBe(true);
    await admin.getByRole('status').getByText('已保存').waitFor();
    await admin.getByTestId('without-two-factor').getByText(linName).waitFor();
    const box = await admin.locator('.two-factor-roles').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    await admin.screenshot({ path: screenshotPath('admin-two-factor-rule.png'), fullPage: true });

    // Lin opens the workspace: the enrolment page, not the desk; the API refuses the desk too.
    const context = await env.context();
    await env.signInContext(context, 'lin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.goto(`${baseUrl}/agent/`);
    await page.getByTestId('enrol-required').getByText('请先开启两步验证').waitFor();
    expect(await page.locator('nav').count()).toBe(0);
    const refused = await page.evaluate(async () => (await fetch('/api/v1/safety/channels')).status);
    expect(refused).toBe(403);
    expect(await page.getByRole('button', { name: '进入工作台' }).isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('enrol-required.png'), fullPage: true });

    await page.fill('input[name=enrol-password]', DEMO_PASSWORDS.lin.password);
    await page.getByRole('button', { name: '设置两步验证' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.fill('input[name=enrol-code]', totpCode(secret));
    await page.getByRole('button', { name: '确认' }).click();
    // The recovery codes stay on screen until Lin goes on.
    await page.locator('.recovery pre').waitFor();
    await page.getByRole('button', { name: '进入工作台' }).click();
    await page.locator('nav').first().waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/v1/safety/channels')).status)).toBe(200);

    // Lin is off the list of those still without it.
    await admin.reload();
    const without = admin.getByTestId('without-two-factor');
    await without.waitFor();
    expect(await without.textContent()).not.toContain(linName);
    await context.close();
    await adminContext.close();
  }, 120_000);
});
