import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
});
afterAll(async () => {
  await env?.close();
});

describeInBrowser('admin console in the browser', () => {
  it('invites an agent who joins by the link; a token works until revoked; the audit log shows it all', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    await desk.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: admin.write,
      payload: { language: 'en' },
    });
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${baseUrl}/agent/`);
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('heading', { name: 'Invite an agent' }).waitFor();

    await page.fill('input[name=inviteName]', 'Zoe Newhire');
    await page.fill('input[name=inviteEmail]', 'zoe@lumen-exchange.example');
    await page.selectOption('select[name=inviteLanguage]', 'en');
    await page.locator('input[name=inviteTeam]').first().check();
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await page.getByTestId('invite-link').inputValue();
    expect(link).toMatch(/\/agent\/invite\/kfi_/);
    const table = await page.locator('.people-table').boundingBox();
    expect(table!.width).toBeGreaterThan(800);
    await page.screenshot({ path: screenshotPath('admin-agents.png'), fullPage: true });

    // The invitee opens the link in their own browser, picks a password and signs in.
    const theirs = await env.browser.newContext({ locale: 'en-US' });
    const invitee = await theirs.newPage();
    invitee.setDefaultTimeout(20_000);
    await invitee.goto(link.replace(/^https?:\/\/[^/]+/, baseUrl));
    await invitee.getByText('zoe@lumen-exchange.example').waitFor();
    await invitee.fill('input[name=password]', 'zoe-chooses-a-long-one');
    await invitee.getByRole('button', { name: 'Create my account' }).click();
    await invitee.getByRole('button', { name: 'Go to sign-in' }).click();
    await invitee.fill('input[name=email]', 'zoe@lumen-exchange.example');
    await invitee.fill('input[name=password]', 'zoe-chooses-a-long-one');
    await invitee.locator('form button[type=submit]').click();
    await invitee.getByText('Zoe Newhire').first().waitFor();
    await theirs.close();

    // A token with a scope: shown once, works, then revoked and refused.
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.fill('input[name=tokenName]', 'CRM sync');
    await page.locator('input[name=scope][value="tickets:read"]').check();
    await page.getByRole('button', { name: 'Create a token' }).click();
    const token = await page.getByTestId('new-token').inputValue();
    const authorization = `Bearer ${token}`;
    expect((await desk.app.inject({ url: '/api/v1/tickets', headers: { authorization } })).statusCode).toBe(
      200,
    );
    await page.locator('tr[data-token="CRM sync"]').getByRole('button', { name: 'Revoke' }).click();
    await page.locator('tr[data-token="CRM sync"]').waitFor({ state: 'detached' });
    expect((await desk.app.inject({ url: '/api/v1/tickets', headers: { authorization } })).statusCode).toBe(
      401,
    );

    // The audit log, filtered to one action.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.fill('input[name=action]', 'api_token.revoke');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.locator('.audit-table tbody tr').first().waitFor();
    expect(await page.locator('.audit-table tbody tr').count()).toBe(1);
    const csv = await page.request.get(
      `${baseUrl}/api/v1/admin/audit-log/export.csv?action=agent.invite_accept`,
    );
    expect(await csv.text()).toMatch(/agent\.invite_accept/);
    await page.screenshot({ path: screenshotPath('admin-audit.png'), fullPage: true });
    await context.close();
  }, 150_000);
});
