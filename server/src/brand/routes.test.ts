import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema.ts';
import { brandName } from '../channels/email/compose.ts';
import { settings } from '../desk/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

const look = {
  name: 'Lumen Exchange',
  nameZh: '流明交易所',
  primaryColour: '#7A1F5C',
  accentColour: '#F0A8D8',
  verifyIntro: {
    'zh-CN': '只信任本页列出的渠道。\n<b>不是 HTML</b>',
    en: 'Trust only the channels listed here.',
  },
};

async function put(who: 'admin' | 'supervisor', payload: unknown, language = 'en') {
  const auth = await desk.signIn(who);
  return desk.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/brand',
    headers: { ...auth.write, 'accept-language': language },
    payload: payload as Record<string, unknown>,
  });
}

describe('brand', () => {
  it('is public and cacheable, with the demo brand and no colours of its own yet', async () => {
    const res = await desk.app.inject({ url: '/api/v1/brand' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.json()).toMatchObject({ name: 'Lumen Exchange', primaryColour: null, accentColour: null });
    const css = await desk.app.inject({ url: '/api/v1/brand.css' });
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).not.toContain('--accent');
  });

  it('an admin sets name, colours and words; the other brand facts stay; audited', async () => {
    const res = await put('admin', { ...look, name: 'Lumen Pro' });
    expect(res.statusCode).toBe(200);
    const brand = (await desk.app.inject({ url: '/api/v1/brand' })).json();
    expect(brand).toMatchObject({ name: 'Lumen Pro', primaryColour: '#7a1f5c', accentColour: '#f0a8d8' });
    expect(brand.verifyIntro['zh-CN']).toBe(look.verifyIntro['zh-CN']);
    const [row] = await desk.services.db.select().from(settings).where(eq(settings.key, 'brand'));
    expect(row?.value).toMatchObject({ supportEmail: 'support@lumen-exchange.example', ticketPrefix: 'KF' });
    // The mails use the same name.
    expect(await brandName(desk.services.db, 'en')).toBe('Lumen Pro');
    const css = (await desk.app.inject({ url: '/api/v1/brand.css' })).body;
    expect(css).toContain(':root { --accent: #7a1f5c; --accent-text: #ffffff; }');
    expect(css).toContain(':root[data-theme="dark"] { --accent: #f0a8d8; --accent-text: #0b0d10; }');
    const entries = await desk.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'brand.update'), eq(auditLog.targetId, 'brand')));
    expect(entries.at(-1)?.data).toEqual({
      changed: ['name', 'primaryColour', 'accentColour', 'verifyIntro'],
    });
  });

  it('refuses colours text cannot be read on, in the asker’s language', async () => {
    const pale = await put('admin', { ...look, primaryColour: '#8fd3ff' }, 'zh-CN');
    expect(pale.statusCode).toBe(400);
    expect(pale.json().error.code).toBe('brand_primary_contrast');
    expect(pale.json().error.message).toContain('白色文字');
    const dim = await put('admin', { ...look, accentColour: '#303040' });
    expect(dim.json().error.message).toContain('contrast with dark text');
    // Only #rrggbb: nothing else can reach the stylesheet.
    const css = await put('admin', { ...look, primaryColour: 'red;} body{display:none' });
    expect(css.statusCode).toBe(400);
    const extra = await put('admin', { ...look, logo: 'x' });
    expect(extra.statusCode).toBe(400);
  });

  it('is for admins only; clearing the colours brings the built-in ones back', async () => {
    expect((await put('supervisor', look)).statusCode).toBe(403);
    expect(
      (await desk.app.inject({ method: 'PUT', url: '/api/v1/admin/brand', payload: look })).statusCode,
    ).toBe(401);
    const res = await put('admin', { ...look, primaryColour: null, accentColour: null });
    expect(res.statusCode).toBe(200);
    expect((await desk.app.inject({ url: '/api/v1/brand.css' })).body).not.toContain('--accent');
  });
});
