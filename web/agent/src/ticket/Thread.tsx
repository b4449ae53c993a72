import { formatTime, type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { renderMarkdown } from '../lib/markdown.ts';
import type { Attachment, HistoryEvent, Message } from '../lib/types.ts';
import { failedChecks } from './history-words.ts';

/** Raster images the browser shows as previews; everything else (SVG included) is a download link. */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function AttachmentItem({ file }: { file: Attachment }) {
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

/**
 * The mail-authenticity verdicts of the thread's messages, from the history: a mail whose sender
 * failed SPF/DKIM/DMARC, or that came from someone other than the customer, is flagged on the
 * message itself, where the agent reads it before acting on an account matter.
 */
function mailWarnings(history: HistoryEvent[]) {
  const out = new Map<string, { kind: 'unverified' | 'third_party'; from: string; checks: string }>();
  for (const e of history) {
    if (e.kind !== 'email_unverified' && e.kind !== 'email_third_party') continue;
    const to = (e.to ?? {}) as { messageId?: unknown; from?: unknown; summary?: unknown };
    if (typeof to.messageId !== 'string') continue;
    out.set(to.messageId, {
      kind: e.kind === 'email_unverified' ? 'unverified' : 'third_party',
      from: typeof to.from === 'string' ? to.from : '?',
      checks: failedChecks(to.summary),
    });
  }
  return out;
}

export function Thread({ messages, history = [] }: { messages: Message[]; history?: HistoryEvent[] }) {
  const t = useT();
  const locale = useLocale();
  const warnings = mailWarnings(history);
  return (
    <ol className="thread">
      {messages.map((m) => {
        const note = m.visibility === 'internal';
        const warning = warnings.get(m.id);
        return (
          <li key={m.id} className={`message from-${m.authorType}${note ? ' note' : ''}`} data-seq={m.seq}>
            <header>
              <strong>{m.authorName ?? t(AUTHOR_LABEL[m.authorType])}</strong>{' '}
              <span className="muted">{t(AUTHOR_LABEL[m.authorType])}</span>
              {note && <span className="badge note-badge">{t('thread.internalNote')}</span>}
              <time dateTime={m.createdAt}>{formatTime(m.createdAt, locale)}</time>
            </header>
            {warning && (
              <p className="mail-warning" role="alert" data-testid="mail-warning">
                <span aria-hidden="true">⚠</span>{' '}
                {warning.kind === 'unverified'
                  ? t('mail.unverifiedBanner', { checks: warning.checks })
                  : t('mail.thirdPartyBanner', { from: warning.from })}
              </p>
            )}
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
