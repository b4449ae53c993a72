import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * Agents' replies and notes are Markdown. Raw HTML in the source is not passed through (html:
 * false escapes it), markdown-it refuses javascript:/vbscript:/data: links, and DOMPurify then
 * keeps only plain formatting tags as a second wall.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

const purify = DOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

export function renderMarkdown(source: string): string {
  return purify.sanitize(md.render(source), {
    ALLOWED_TAGS: [
      'p',
      'br',
      'strong',
      'em',
      'del',
      's',
      'code',
      'pre',
      'blockquote',
      'ul',
      'ol',
      'li',
      'a',
      'h1',
      'h2',
      'h3',
      'h4',
      'hr',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
    ],
    ALLOWED_ATTR: ['href', 'target', 'rel'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/)/i,
  });
}
