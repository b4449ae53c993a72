import { useEffect, useRef } from 'react';
import type { SendFrame, TimelineItem } from '../../../../shared/chat-protocol.ts';
import { formatTime, type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { renderMarkdown } from '../lib/markdown.ts';

type MessageItem = Extract<TimelineItem, { kind: 'message' }>;

const AUTHOR_LABEL: Record<MessageItem['authorType'], MessageKey> = {
  customer: 'thread.customer',
  agent: 'thread.agent',
  bot: 'thread.bot',
  system: 'thread.system',
  integration: 'thread.integration',
};

/** Customer, bot and system text is React text; only agents' Markdown is rendered (sanitised). */
function Body({ item }: { item: MessageItem }) {
  if (item.authorType === 'agent' || item.authorType === 'integration') {
    const html = { __html: renderMarkdown(item.body) };
    // biome-ignore lint/security/noDangerouslySetInnerHtml: agents' Markdown, sanitised by renderMarkdown
    return <div className="body markdown" dangerouslySetInnerHTML={html} />;
  }
  return <div className="body text">{item.body}</div>;
}

function Message({
  item,
  read,
  customerName,
}: {
  item: MessageItem;
  read: boolean;
  customerName: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <li
      className={`message from-${item.authorType}${item.internal ? ' note' : ''}`}
      data-seq={item.seq}
      data-testid={item.internal ? 'chat-note' : `chat-${item.authorType}`}
    >
      <header>
        <strong>
          {item.authorName ??
            (item.authorType === 'customer' ? customerName : null) ??
            t(AUTHOR_LABEL[item.authorType])}
        </strong>{' '}
        <span className="muted">{t(AUTHOR_LABEL[item.authorType])}</span>
        {item.internal && <span className="badge note-badge">{t('thread.internalNote')}</span>}
        <time dateTime={item.createdAt}>{formatTime(item.createdAt, locale)}</time>
      </header>
      <Body item={item} />
      {item.attachments.length > 0 && (
        <ul className="attachments">
          {item.attachments.map((a) => (
            <li key={a.id} className="attachment">
              {a.thumbnailUrl && (
                <a href={a.url} target="_blank" rel="noopener noreferrer">
                  <img src={a.thumbnailUrl} alt={a.fileName} loading="lazy" />
                </a>
              )}
              <a href={`${a.url}?download=true`} rel="noopener noreferrer" download>
                {a.fileName}
              </a>
            </li>
          ))}
        </ul>
      )}
      {item.cards.length > 0 && (
        <ul className="cards">
          {item.cards.map((c) => (
            <li key={c.id}>
              <strong>{c.title}</strong> <span className="muted">{c.excerpt}</span>
            </li>
          ))}
        </ul>
      )}
      {read && <span className="read-mark">{t('chat.read')}</span>}
    </li>
  );
}

/**
 * One chat's timeline: messages in seq order (notes apart, in the note colour), events as quiet
 * lines, the agent's unacked messages at the end, and the customer's read mark on the last reply.
 */
export function ChatThread({
  items,
  pending,
  customerReadSeq,
  names,
  customerName,
}: {
  items: TimelineItem[];
  pending: SendFrame[];
  customerReadSeq: number;
  /** Agent and team names by id, so events read "Lin" rather than a uuid. */
  names: Map<string, string>;
  /** The ticket's customer, for messages the socket sends without a name. */
  customerName: string | null;
}) {
  const t = useT();
  const end = useRef<HTMLLIElement>(null);
  const lastReply = [...items]
    .reverse()
    .find((i) => i.kind === 'message' && i.authorType === 'agent' && !i.internal);
  const count = items.length + pending.length;
  // Keep the newest message in view whenever one arrives or is sent.
  useEffect(() => {
    if (count > 0) end.current?.scrollIntoView?.({ block: 'end' });
  }, [count]);
  return (
    <ol className="thread chat-thread">
      {items.map((item) =>
        item.kind === 'message' ? (
          <Message
            key={item.seq}
            item={item}
            read={item === lastReply && customerReadSeq >= item.seq}
            customerName={customerName}
          />
        ) : (
          <li key={item.seq} className="event muted" data-seq={item.seq}>
            <EventLine item={item} names={names} />
          </li>
        ),
      )}
      {pending.map((p) => (
        <li key={p.clientId} className={`message from-agent pending${p.internal ? ' note' : ''}`}>
          <div className="body text">{p.body}</div>
          <span className="muted">{t('chat.sending')}</span>
        </li>
      ))}
      <li ref={end} className="thread-end" />
    </ol>
  );
}

const EVENT_LABEL: Record<string, MessageKey> = {
  chat_state: 'chat.ev.chat_state',
  assignee: 'chat.ev.assignee',
  team: 'chat.ev.team',
  status: 'chat.ev.status',
  transfer: 'chat.ev.transfer',
  checklist: 'chat.ev.checklist',
  csat_request: 'chat.ev.csat_request',
  csat_rating: 'chat.ev.csat_rating',
};

/** "Chat: With the bot → Queued", "Assignee: — → Lin": states and statuses in the agent's language. */
function EventLine({
  item,
  names,
}: {
  item: Extract<TimelineItem, { kind: 'event' }>;
  names: Map<string, string>;
}) {
  const t = useT();
  // A checklist is shown whole as a block above the thread; here only that it came and from whom.
  if (item.event === 'checklist') {
    const by = (item.to as { by?: string } | null)?.by;
    return (
      <>
        {t('chat.ev.checklist')}:{' '}
        {by === 'customer' ? t('chat.checklistByCustomer') : t('chat.checklistByApp')}
      </>
    );
  }
  const value = (v: unknown) => {
    if (typeof v === 'string' && item.event === 'chat_state') return t(`chat.state.${v}` as MessageKey);
    if (typeof v === 'string' && item.event === 'status') return t(`status.${v}` as MessageKey);
    return label(v, names);
  };
  const key = EVENT_LABEL[item.event];
  return (
    <>{t('chat.event', { event: key ? t(key) : item.event, from: value(item.from), to: value(item.to) })}</>
  );
}

function label(value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return names.get(value) ?? value;
  if (typeof value === 'object') {
    return Object.values(value as Record<string, unknown>)
      .filter((v) => v !== null && v !== undefined)
      .map((v) => label(v, names))
      .join(', ');
  }
  return String(value);
}
