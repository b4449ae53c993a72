import { formatTime, type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { renderMarkdown } from '../lib/markdown.ts';
import type { Attachment, Message } from '../lib/types.ts';

/** Raster images the browser shows as previews; everything else (SVG included) is a download link. */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function AttachmentItem({ file }: { file: Attachment }) {
  const kb = Math.max(1, Math.round(file.sizeBytes / 1024));
  return (
    <li className="attachment">
      {PREVIEWABLE.has(file.contentType) && (
        <a href={file.url} target="_blank" rel="noopener noreferrer">
          <img src={file.url} alt={file.fileName} loading="lazy" />
        </a>
      )}
      <a href={`${file.url}?download=true`} rel="noopener noreferrer" download>
        {file.fileName}
      </a>{' '}
      <span className="muted">{kb} KB</span>
    </li>
  );
}

/**
 * Customer, bot and system messages are shown exactly as text: React escapes them, nothing is
 * parsed. Only agents' own replies and notes go through the sanitising Markdown renderer.
 */
function Body({ message }: { message: Message }) {
  if (message.authorType === 'agent' || message.authorType === 'integration') {
    const html = { __html: renderMarkdown(message.body) };
    // biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown from agents, sanitised by renderMarkdown
    return <div className="body markdown" dangerouslySetInnerHTML={html} />;
  }
  return <div className="body text">{message.body}</div>;
}

const AUTHOR_LABEL: Record<Message['authorType'], MessageKey> = {
  customer: 'thread.customer',
  agent: 'thread.agent',
  bot: 'thread.bot',
  system: 'thread.system',
  integration: 'thread.integration',
};

export function Thread({ messages }: { messages: Message[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ol className="thread">
      {messages.map((m) => {
        const note = m.visibility === 'internal';
        return (
          <li key={m.id} className={`message from-${m.authorType}${note ? ' note' : ''}`} data-seq={m.seq}>
            <header>
              <strong>{m.authorName ?? t(AUTHOR_LABEL[m.authorType])}</strong>{' '}
              <span className="muted">{t(AUTHOR_LABEL[m.authorType])}</span>
              {note && <span className="badge note-badge">{t('thread.internalNote')}</span>}
              <time dateTime={m.createdAt}>{formatTime(m.createdAt, locale)}</time>
            </header>
            <Body message={m} />
            {m.attachments.length > 0 && (
              <ul className="attachments">
                {m.attachments.map((f) => (
                  <AttachmentItem key={f.id} file={f} />
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
