import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { HELP_IMAGE_SRC } from './images.ts';
import { indexTokens, normalise } from './text.ts';

// Raw HTML in Markdown is never passed through; the sanitiser is a second wall behind that.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/**
 * Markdown → safe HTML: only formatting tags; links http(s)/mailto/relative; images only from
 * Kefu's own help-image URLs. A remote image would tell a third party who reads which article
 * (and the customer pages' CSP would block it anyway), so it is dropped.
 */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), {
    allowedTags: [
      'p',
      'br',
      'h2',
      'h3',
      'h4',
      'strong',
      'em',
      'code',
      'pre',
      'blockquote',
      'ul',
      'ol',
      'li',
      'a',
      'img',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'hr',
      's',
    ],
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'loading'],
      th: ['align'],
      td: ['align'],
    },
    allowedSchemes: ['https', 'http', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !HELP_IMAGE_SRC.test(frame.attribs.src ?? ''),
  });
}

/** Markdown reduced to its words, for the index and for snippets. */
export function plainText(source: string): string {
  return sanitizeHtml(md.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The search columns of an article, computed from its text. */
export function searchFields(input: { title: string; summary: string; bodyMd: string; tags: string[] }) {
  return {
    titleTokens: indexTokens(input.title, ...input.tags),
    summaryTokens: indexTokens(input.summary),
    bodyTokens: indexTokens(plainText(input.bodyMd)),
    titleNorm: normalise(`${input.title} ${input.tags.join(' ')}`),
  };
}
