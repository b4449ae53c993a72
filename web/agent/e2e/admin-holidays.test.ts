import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

const SCHEDULE = JSON.stringify({
  holidays: { '2027-02-06': 'Spring Festival,春节,8', '2027-02-07': 'Spring Festival,春节,8' },
  workdays: { '2027-02-14': 'Spring Festival,春节,8' },
});

describeInBrowser('service levels: importing a year of holidays', () => {
  it('warns that the bundled data runs out, reads a file, shows what it read and imports it', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    const language = (lang: string) =>
      desk.app.inject({
        method: 'PATCH',
        url: '/api/v1/me/preferences',
        headers: admin.write,
        payload: { language: lang },
      });
    await language('en');
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/agent/service-levels`);
    const calendars = page.locator('[data-testid=sla-calendars]');
    // The calendar that follows the bundled Mainland China data (its data ends in 2026).
    const cn = calendars.locator('tbody tr', { hasText: '调休' }).first();
    await cn.locator('td:nth-child(6) button').click();
    const box = page.getByTestId('holiday-import');
    await box.getByRole('alert').getByText('The bundled Mainland China holiday data ends on').waitFor();

    await box.locator('input[name=holidayFile]').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('2027-02-06,off\n2027/02/07,off\n'),
    });
    await box.getByText('This line cannot be read: 2027/02/07,off').waitFor();
    await box.locator('input[name=holidayFile]').setInputFiles({
      name: 'chinese-days-2027.json',
      mimeType: 'application/json',
      buffer: Buffer.from(SCHEDULE),
    });
    await box
      .getByTestId('holiday-preview')
      .getByText('2 days off and 1 working days, 2027-02-06 to 2027-02-14')
      .waitFor();
    const size = await box.boundingBox();
    expect(size!.width).toBeGreaterThan(600);
    await box.getByRole('button', { name: 'Import', exact: true }).click();
    await box.getByText('3 days imported.').waitFor();
    const days = page.getByTestId('calendar-days');
    await days.locator('li', { hasText: '2027-02-14' }).waitFor();
    await page.screenshot({ path: screenshotPath('holiday-import.png'), fullPage: true });

    const list = await desk.app.inject({ url: '/api/v1/sla/calendars', headers: admin.read });
    const entered = (
      list.json().items as { holidaySource: string | null; days: { day: string; kind: string }[] }[]
    )
      .find((c) => c.holidaySource === 'cn')!
      .days.filter((d) => d.day.startsWith('2027-02'));
    expect(entered.map((d) => `${d.day} ${d.kind}`)).toEqual([
      '2027-02-06 off',
      '2027-02-07 off',
      '2027-02-14 work',
    ]);

    // In Chinese.
    await language('zh-CN');
    await page.reload();
    await calendars
      .locator('tbody tr', { hasText: '调休' })
      .first()
      .locator('td:nth-child(6) button')
      .click();
    await page.getByTestId('holiday-import').getByText('内置的中国大陆节假日数据截至').waitFor();
    await page.getByTestId('holiday-import').getByText('从文件导入全年安排').waitFor();
    await page.screenshot({ path: screenshotPath('holiday-import-zh.png'), fullPage: true });
    await context.close();
  }, 180_000);
});
