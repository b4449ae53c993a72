import { normalise } from './text.ts';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A window of the article's text around the first matched term, HTML-escaped, with every matched
 * term wrapped in <mark>. Matching is done on the normalised text (simplified, lower case), which
 * keeps the original's length for the characters we index, so offsets map back.
 */
export function highlightSnippet(bodyMd: string, terms: string[], width = 120): string {
  const text = stripMarkdown(bodyMd);
  const norm = normalise(text);
  if (norm.length !== text.length) return escapeHtml(text.slice(0, width));
  // Longer terms first so 提现 wins over 提; English stems match the start of a word.
  const sorted = [...new Set(terms)].filter((t) => t.length > 1 || /\p{Script=Han}/u.test(t));
  sorted.sort((a, b) => b.length - a.length);
  const ranges: Array<[number, number]> = [];
  for (const t of sorted) {
    let from = 0;
    for (;;) {
      const at = norm.indexOf(t, from);
      if (at < 0) break;
      let end = at + t.length;
      if (/^[a-z0-9]+$/.test(t)) {
        if (at > 0 && /[a-z0-9]/.test(norm[at - 1]!)) {
          from = end;
          continue;
        }
        while (end < norm.length && /[a-z]/.test(norm[end]!)) end++;
      }
      if (!ranges.some(([s, e]) => at < e && end > s)) ranges.push([at, end]);
      from = end;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const first = ranges[0]?.[0] ?? 0;
  const start = Math.max(0, first - Math.floor(width / 4));
  const stop = Math.min(text.length, start + width);
  let out = start > 0 ? '…' : '';
  let pos = start;
  for (const [s, e] of ranges) {
    if (s < pos || e > stop) continue;
    out += `${escapeHtml(text.slice(pos, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    pos = e;
  }
  out += escapeHtml(text.slice(pos, stop)) + (stop < text.length ? '…' : '');
  return out;
}

/** Markdown to readable text, cheaply (a snippet needs words, not structure; it is escaped after). */
export function stripMarkdown(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/^\s*\|?\s*-{3,}.*$/gm, '')
    .replace(/[*_`|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
