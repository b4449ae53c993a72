import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, migrateDatabase, openPglite } from '../../../server/src/db/client.ts';
import { launchChromium } from '../../../server/src/testing/browser.ts';
import { createTestDesk, type TestDesk } from '../../../server/src/testing/harness.ts';
import { screenshotPath } from './browser-desk.ts';

let database: Database;
let desk: TestDesk;
let browser: Browser;
let baseUrl: string;

// A desk as `SEED_DEMO=false npm start` leaves it on an empty data directory.
beforeAll(async () => {
  database = await openPglite(null);
  await migrateDatabase(database);
  desk = await createTestDesk({}, { database });
  await desk.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await desk?.close();
  await database?.close();
});

describe('first-run set-up page', () => {
  it('sets up the desk from the browser, signs the admin in, then is gone for good', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/agent/`);
    await page.getByRole('heading', { name: 'Set up your desk' }).waitFor();
    const form = await page.locator('.setup form').boundingBox();
    // One readable column, centred, not squeezed.
    expect(form!.width).toBeGreaterThan(400);
    expect(form!.width).toBeLessThanOrEqual(560);
    expect(Math.abs(form!.x + form!.width / 2 - 640)).toBeLessThan(20);

    await page.fill('input[name=deskName]', 'Orbit Wallet');
    await page.fill('textarea[name=domains]', 'orbit-wallet.example');
    await page.fill('textarea[name=mailboxes]', 'support@orbit-wallet.example');
    await page.fill('input[name=adminName]', 'Lead');
    await page.fill('input[name=adminEmail]', 'lead@orbit-wallet.example');
    await page.fill('input[name=password]', 'a-long-first-password');
    await page.selectOption('select[name=language]', 'en');
    await page.selectOption('select[name=timeZone]', 'Asia/Singapore');
    await page.fill('input[name=team]', 'Support');
    await page.fill('input[name=category]', 'Deposits');
    await page.screenshot({ path: screenshotPath('setup.png'), fullPage: true });
    await page.getByRole('button', { name: 'Set up the desk' }).click();
    await page.getByText('Your desk is ready.').waitFor();
    await page.getByRole('button', { name: 'Later' }).click();
    // Signed in as the new admin: the workspace's navigation shows.
    await page.locator('nav').first().waitFor();

    // A new visitor gets the sign-in, never the set-up page again.
    const other = await browser.newContext({ locale: 'en-US' });
    const second = await other.newPage();
    await second.goto(`${baseUrl}/agent/`);
    await second.locator('input[name=email]').waitFor();
    expect(await second.getByRole('heading', { name: 'Set up your desk' }).count()).toBe(0);
    const categories = await desk.app.inject({ url: '/api/v1/categories' });
    expect(categories.json().items.map((c: { nameEn: string }) => c.nameEn)).toEqual(['Deposits']);
    await other.close();
    await context.close();
  });
});
