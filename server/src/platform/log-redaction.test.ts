import { describe, expect, it } from 'vitest';
import { maskHtml } from '../channels/email/mask-html.ts';
import { redactUrl } from './log-redaction.ts';

const PHRASE = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

describe('what request logs keep of a URL (#20.7)', () => {
  it('drops the typed query of search, suggestions and verify', () => {
    expect(redactUrl(`/api/v1/help/search?q=${encodeURIComponent(PHRASE)}&lang=en`)).toBe(
      '/api/v1/help/search?[redacted]',
    );
    expect(redactUrl('/api/v1/help/suggest?q=abc')).toBe('/api/v1/help/suggest?[redacted]');
    expect(redactUrl('/api/v1/verify?value=x')).toBe('/api/v1/verify?[redacted]');
  });
  it('drops tokens and secret-looking values, keeps the rest', () => {
    expect(redactUrl('/help?token=eyJhbGciOi.abc.def&lang=zh')).toBe('/help?token=[redacted]&lang=zh');
    expect(redactUrl(`/api/v1/tickets?status=open&x=${encodeURIComponent(PHRASE)}`)).toBe(
      '/api/v1/tickets?status=open&x=[redacted]',
    );
    expect(redactUrl('/api/v1/csat/abc.def.ghi')).toBe('/api/v1/csat/[redacted]');
    expect(redactUrl('/api/v1/tickets?limit=5')).toBe('/api/v1/tickets?limit=5');
  });
});

describe('mail HTML masking (#20.8)', () => {
  it('masks a phrase split over tags and keeps the markup', () => {
    const w = PHRASE.split(' ');
    const html = `<p>Hi <b>${w.slice(0, 6).join(' ')}</b><br>${w.slice(6).join(' ')}</p><p>ok &amp; fine</p>`;
    const masked = maskHtml(html);
    for (const word of ['absent', 'absorb', 'access', 'accident']) expect(masked).not.toContain(word);
    expect(masked).toContain('[mnemonic hidden]');
    expect(masked).toMatch(/<p>Hi <b>\[mnemonic hidden\]<\/b><br><\/p>/);
    expect(masked).toContain('<p>ok &amp; fine</p>');
  });
});
