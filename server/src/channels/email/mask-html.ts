import { Parser } from 'htmlparser2';
import { scanText } from '../../safety/scan.ts';

/**
 * A mail's HTML part with the secrets its text holds masked (issue #20.8), markup untouched: the
 * text nodes are scanned as one text (a phrase may be split over `<b>`, `<br>` or cells), and
 * each finding is cut out of the nodes it spans, the first of them showing `[kind hidden]`.
 * Attribute values a person sees (title, alt) are screened on their own.
 */
export function maskHtml(html: string): string {
  const nodes: { start: number; end: number; text: string; at: number }[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  let joined = '';
  const parser = new Parser(
    {
      ontext(text) {
        nodes.push({ start: parser.startIndex, end: parser.endIndex + 1, text, at: joined.length });
        joined += `${text}\n`;
      },
      onattribute(name, value) {
        if (name !== 'title' && name !== 'alt') return;
        const { findings, masked } = scanText(value, { from: 'customer' });
        if (findings.length === 0) return;
        // Rewrite the whole tag's attribute: find it in the tag's source.
        const tag = html.slice(parser.startIndex, parser.endIndex + 1);
        const at = tag.indexOf(value);
        if (at >= 0) {
          edits.push({
            start: parser.startIndex + at,
            end: parser.startIndex + at + value.length,
            text: masked.replace(/"/g, '&quot;'),
          });
        }
      },
    },
    { decodeEntities: false },
  );
  parser.write(html);
  parser.end();
  const { findings } = scanText(joined, { from: 'customer' });
  for (const f of findings) {
    let first = true;
    for (const n of nodes) {
      const from = Math.max(f.start, n.at);
      const to = Math.min(f.end, n.at + n.text.length);
      if (from >= to) continue;
      edits.push({
        start: n.start + (from - n.at),
        end: n.start + (to - n.at),
        text: first ? `[${f.kind} hidden]` : '',
      });
      first = false;
    }
  }
  if (edits.length === 0) return html;
  edits.sort((a, b) => b.start - a.start);
  let out = html;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
