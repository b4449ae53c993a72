import { normalise } from '../help/text.ts';

/** A piece of a snippet; `mark` pieces are the words that matched. Rendered as text, never as HTML. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * A window of `text` around its first match of any term, cut into plain and marked pieces.
 * Matching is on the normalised text (simplified Chinese, lower case), whose length equals the
 * original's for the characters we index, so positions map back; otherwise on the lower case.
 * A Latin term (a stem, "withdraw") marks the rest of its word too ("withdrawal").
 */
export function highlight(text: string, terms: string[], width = 140): Segment[] | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  const n = normalise(flat);
  const hay = n.length === flat.length ? n : flat.toLowerCase();
  if (hay.length !== flat.length) return null;
  const sorted = [...new Set(terms.map((t) => t.toLowerCase()))].filter((t) => t.length > 0);
  sorted.sort((a, b) => b.length - a.length);
  const ranges: Array<[number, number]> = [];
  for (const t of sorted) {
    for (let from = 0; ; ) {
      const at = hay.indexOf(t, from);
      if (at < 0) break;
      let end = at + t.length;
      if (/^[a-z0-9]+$/.test(t)) while (end < hay.length && /[a-z]/.test(hay[end]!)) end++;
      if (!ranges.some(([s, e]) => at < e && end > s)) ranges.push([at, end]);
      from = end;
    }
  }
  if (!ranges.length) return null;
  ranges.sort((a, b) => a[0] - b[0]);
  const start = Math.max(0, ranges[0]![0] - Math.floor(width / 4));
  const stop = Math.min(flat.length, start + width);
  const out: Segment[] = [];
  const plain = (s: string) => s && out.push({ text: s, mark: false });
  let pos = start;
  if (start > 0) plain('…');
  for (const [s, e] of ranges) {
    if (s < pos || e > stop) continue;
    plain(flat.slice(pos, s));
    out.push({ text: flat.slice(s, e), mark: true });
    pos = e;
  }
  plain(flat.slice(pos, stop));
  if (stop < flat.length) plain('…');
  return out;
}
