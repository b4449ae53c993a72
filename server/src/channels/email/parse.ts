import { type AddressObject, type Attachment, type HeaderValue, simpleParser } from 'mailparser';
import sanitizeHtml from 'sanitize-html';

/** An inbound mail as the channel uses it: decoded, with the visible text and its files. */
export interface ParsedMail {
  messageId: string | null;
  inReplyTo: string | undefined;
  references: string | string[] | undefined;
  fromAddress: string;
  fromName: string | null;
  subject: string;
  /** What the customer wrote this time: quoted history and signature folded away. */
  text: string;
  /** Whether quoted history or a signature was folded away. */
  folded: boolean;
  /** The HTML part with everything that could run or track removed. */
  html: string | null;
  attachments: Attachment[];
  headers: Map<string, HeaderValue>;
  /** Content-Type of the whole message (multipart/report marks a delivery report). */
  contentType: string;
}

/** Decodes a raw mail: charsets (GB2312, GBK, Big5 …), encoded-word subjects, parts. */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipTextLinks: true });
  const from = firstAddress(mail.from);
  const html = typeof mail.html === 'string' ? sanitiseHtml(mail.html) : null;
  // The text part is preferred; a mail with HTML only gets mailparser's text rendering of it.
  const { text, folded } = foldQuoted(mail.text ?? '');
  const contentType = mail.headers.get('content-type');
  return {
    messageId: mail.messageId ? mail.messageId.replace(/^<|>$/g, '') : null,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    fromAddress: (from?.address ?? '').toLowerCase(),
    fromName: from?.name || null,
    subject: (mail.subject ?? '').trim(),
    text,
    folded,
    html,
    attachments: mail.attachments,
    headers: mail.headers,
    contentType:
      typeof contentType === 'object' && contentType && 'value' in contentType
        ? String(contentType.value)
        : '',
  };
}

function firstAddress(field: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value)[0];
}

/** Safe to show in the agent workspace: text formatting and links only, no scripts, no remote images. */
export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'div',
      'span',
      'b',
      'strong',
      'i',
      'em',
      'u',
      'ul',
      'ol',
      'li',
      'blockquote',
      'pre',
      'code',
      'a',
      'table',
      'thead',
      'tbody',
      'tr',
      'td',
      'th',
      'h1',
      'h2',
      'h3',
      'h4',
      'hr',
    ],
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['https', 'http', 'mailto'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
  });
}

/** Lines that start the quoted history in common clients, in English and Chinese. */
const QUOTE_HEADERS = [
  /^On .{4,200}wrote:\s*$/i,
  /^在.{2,200}写道[：:]\s*$/,
  /^於.{2,200}寫道[：:]\s*$/,
  /^-{2,}\s*(Original Message|原始邮件|原始郵件|Forwarded message)\s*-{2,}/i,
  /^_{10,}\s*$/,
];
const OUTLOOK_HEADER = /^(From|发件人|寄件者)\s*[:：]/i;
const SIGNATURE = /^(-- ?|—+|Sent from my .{1,40}|发自我的.{1,20})$/;

/**
 * Keeps what the customer wrote this time. Cuts at the first quoted-history header or signature
 * delimiter and drops ">" quoted lines; if that would leave nothing, keeps the whole text.
 */
export function foldQuoted(text: string): { text: string; folded: boolean } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const kept: string[] = [];
  let folded = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    const joined = `${trimmed} ${lines[i + 1]?.trim() ?? ''}`;
    const outlook =
      OUTLOOK_HEADER.test(trimmed) &&
      lines
        .slice(i + 1, i + 5)
        .some((l) => /^(Sent|Subject|发送时间|主题|日期|Date)\s*[:：]/i.test(l.trim()));
    if (
      QUOTE_HEADERS.some((re) => re.test(trimmed) || re.test(joined)) ||
      outlook ||
      SIGNATURE.test(line.trimEnd())
    ) {
      folded = true;
      break;
    }
    if (trimmed.startsWith('>')) {
      folded = true;
      continue;
    }
    kept.push(line);
  }
  const visible = kept.join('\n').trim();
  return visible ? { text: visible, folded } : { text: text.trim(), folded: false };
}

/** A header as one string (first value), lower-cased; '' when absent. */
export function headerText(headers: Map<string, HeaderValue>, name: string): string {
  const value = headers.get(name);
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.toLowerCase();
  if (Array.isArray(value)) return value.map(String).join(' ').toLowerCase();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'value' in value) return String(value.value).toLowerCase();
  if (typeof value === 'object' && 'text' in value) return String(value.text).toLowerCase();
  return String(value).toLowerCase();
}
