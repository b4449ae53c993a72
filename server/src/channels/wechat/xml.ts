/**
 * The flat XML WeChat pushes (<xml><Tag><![CDATA[…]]></Tag>…</xml>): top-level fields only, as
 * strings. No DTDs, no entities beyond the five predefined ones: nothing to expand or fetch.
 */
export function parseFlatXml(text: string): Record<string, string> | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return null;
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(text);
  if (!root) return null;
  const out: Record<string, string> = {};
  const field = /<(\w+)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g;
  for (const m of root[1]!.matchAll(field)) {
    out[m[1]!] = m[2] ?? decodeEntities(m[3] ?? '');
  }
  return out;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function cdata(value: string): string {
  return `<![CDATA[${value.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
}

export function toXml(fields: Record<string, string | number>): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}>${cdata(v)}</${k}>`))
    .join('');
  return `<xml>${inner}</xml>`;
}
