import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(() => desk.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  desk.app.inject({ method: 'GET', url, headers });

describe('help center: public API', () => {
  it('serves the home page with sections, categories and live announcements, pinned first', async () => {
    const res = await get('/api/v1/help/home?lang=zh-CN');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.sections.length).toBeGreaterThanOrEqual(4);
    expect(body.sections[0].categories[0].articleCount).toBeGreaterThan(0);
    expect(body.announcements[0].pinned).toBe(true);
    expect(body.announcements[0].title).toMatch(/假冒客服/);
  });

  it('searches in Chinese with a highlighted snippet, and in English', async () => {
    const res = await get(`/api/v1/help/search?q=${encodeURIComponent('充币未到账')}&lang=zh-CN`);
    expect(res.statusCode).toBe(200);
    const first = res.json().results[0];
    expect(first.slug).toBe('deposit-not-credited');
    expect(first.lang).toBe('zh-CN');
    expect(first.snippet).toMatch(/<mark>(充币|到账)<\/mark>/);
    const en = (await get('/api/v1/help/search?q=withdrawal%20pending&lang=en')).json();
    expect(en.results[0].slug).toBe('withdrawal-pending');
    expect(en.results[0].snippet).toMatch(/<mark>/i);
  });

  it('suggests while typing', async () => {
    const res = await get(`/api/v1/help/suggest?q=${encodeURIComponent('谷歌验证')}&lang=zh-CN`);
    expect(res.json().suggestions[0].slug).toBe('reset-2fa');
  });

  it('shows an article in the asked language, counts views, and links translations', async () => {
    const zh = (await get('/api/v1/help/articles/reset-2fa?lang=zh-CN')).json();
    const en = (await get('/api/v1/help/articles/reset-2fa?lang=en')).json();
    expect(zh.lang).toBe('zh-CN');
    expect(en.lang).toBe('en');
    expect(zh.translations.map((t: { lang: string }) => t.lang).sort()).toEqual(['en', 'zh-CN']);
    expect(zh.html).toContain('<strong>');
    expect((await get('/api/v1/help/articles/nope')).statusCode).toBe(404);
  });

  it('counts one vote per visitor or customer; a second vote replaces the first', async () => {
    const article = (await get('/api/v1/help/articles/find-txid?lang=en')).json();
    const url = `/api/v1/help/articles/${article.id}/vote`;
    const anonymous = await desk.app.inject({ method: 'POST', url, payload: { helpful: true } });
    expect(anonymous.statusCode).toBe(401);
    const visitor = await desk.app.inject({ method: 'POST', url: '/api/v1/customer/session', payload: {} });
    const headers = { authorization: `Bearer ${visitor.json().token}` };
    await desk.app.inject({ method: 'POST', url, headers, payload: { helpful: true } });
    const twice = await desk.app.inject({ method: 'POST', url, headers, payload: { helpful: true } });
    expect(twice.json()).toEqual({ helpfulYes: 1, helpfulNo: 0 });
    const customer = await desk.customer('10000001');
    await desk.app.inject({ method: 'POST', url, headers: customer.headers, payload: { helpful: false } });
    const after = (await get('/api/v1/help/articles/find-txid?lang=en', customer.headers)).json();
    expect([after.helpfulYes, after.helpfulNo, after.myVote]).toEqual([1, 1, false]);
  });

  it('falls back to the other language, with a flag, when there is no translation', async () => {
    const admin = await desk.signIn('admin');
    const cats = (await get('/api/v1/help/home?lang=en')).json().sections[0].categories;
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/help/admin/articles',
      headers: admin.write,
      payload: {
        categoryId: cats[0].id,
        lang: 'zh-CN',
        slug: 'only-in-chinese',
        title: '只有中文的文章：客服热线时间',
        bodyMd: '客服热线工作时间为每天 9:00–21:00。<script>alert(1)</script>',
        status: 'published',
      },
    });
    expect(created.statusCode).toBe(201);
    const shown = (await get('/api/v1/help/articles/only-in-chinese?lang=en')).json();
    expect(shown.fallback).toBe(true);
    expect(shown.html).not.toContain('<script>');
    const found = (await get(`/api/v1/help/search?q=${encodeURIComponent('客服热线时间')}&lang=en`)).json();
    expect(found.results[0]).toMatchObject({ slug: 'only-in-chinese', fallback: true });
  });
});

describe('help center: admin API', () => {
  it('refuses anonymous callers and agents below admin', async () => {
    const anon = await desk.app.inject({ method: 'POST', url: '/api/v1/help/admin/articles', payload: {} });
    expect(anon.statusCode).toBe(401);
    const lin = await desk.signIn('lin');
    const res = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/help/admin/articles',
      headers: lin.read,
    });
    expect(res.statusCode).toBe(403);
    const token = await desk.apiToken(['help:write']);
    expect((await get('/api/v1/help/admin/articles', token)).statusCode).toBe(200);
  });

  it('keeps drafts out of search, publishes them, and keeps a version history', async () => {
    const admin = await desk.signIn('admin');
    const cats = (await get('/api/v1/help/home?lang=en')).json().sections[1].categories;
    const created = (
      await desk.app.inject({
        method: 'POST',
        url: '/api/v1/help/admin/articles',
        headers: admin.write,
        payload: {
          categoryId: cats[0].id,
          lang: 'en',
          slug: 'staking-rewards',
          title: 'Staking rewards schedule',
          bodyMd: 'Rewards are paid daily.',
        },
      })
    ).json();
    const search = () => get('/api/v1/help/search?q=staking%20rewards&lang=en').then((r) => r.json().results);
    expect(await search()).toEqual([]);
    const patch = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/help/admin/articles/${created.id}`,
      headers: admin.write,
      payload: { status: 'published', bodyMd: 'Rewards are paid **every day** at 00:00 UTC.' },
    });
    expect(patch.json()).toMatchObject({ status: 'published', version: 2 });
    expect((await search())[0].slug).toBe('staking-rewards');
    const versions = (await get(`/api/v1/help/admin/articles/${created.id}/versions`, admin.read)).json()
      .versions;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, bodyMd: 'Rewards are paid daily.', status: 'draft' });
  });

  it('lets admins edit synonyms, which search uses at once', async () => {
    const admin = await desk.signIn('admin');
    const before = (await get(`/api/v1/help/search?q=${encodeURIComponent('搬砖')}&lang=zh-CN`)).json()
      .results;
    expect(before).toEqual([]);
    const groups = (await get('/api/v1/help/admin/synonyms', admin.read))
      .json()
      .groups.map((g: { terms: string[] }) => g.terms);
    expect(groups.some((g: string[]) => g.includes('提币') && g.includes('withdraw'))).toBe(true);
    const put = await desk.app.inject({
      method: 'PUT',
      url: '/api/v1/help/admin/synonyms',
      headers: admin.write,
      payload: { groups: [...groups, ['搬砖', '白名单']] },
    });
    expect(put.statusCode).toBe(200);
    const after = (await get(`/api/v1/help/search?q=${encodeURIComponent('搬砖')}&lang=zh-CN`)).json()
      .results;
    expect(after[0].slug).toBe('withdrawal-whitelist');
  });

  it('reports searches that found nothing', async () => {
    const admin = await desk.signIn('admin');
    await get('/api/v1/help/search?q=zzqxv%20qqwpy&lang=en');
    const report = (await get('/api/v1/help/admin/reports/searches', admin.read)).json();
    expect(report.noResults.map((r: { query: string }) => r.query)).toContain('zzqxv qqwpy');
  });

  it('creates announcements that expire', async () => {
    const admin = await desk.signIn('admin');
    const past = new Date(Date.now() - 1000).toISOString();
    await desk.app.inject({
      method: 'POST',
      url: '/api/v1/help/admin/announcements',
      headers: admin.write,
      payload: { lang: 'en', title: 'Expired notice', status: 'published', expiresAt: past },
    });
    const home = (await get('/api/v1/help/home?lang=en')).json();
    expect(home.announcements.map((a: { title: string }) => a.title)).not.toContain('Expired notice');
  });
});
