import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useChatSocket, useChatState } from '../chat/context.tsx';
import { TicketFieldsPanel } from '../fields/FieldPanels.tsx';
import { MergePanel } from '../fields/MergePanel.tsx';
import { IncidentPanel } from '../incidents/IncidentPanel.tsx';
import { ApiError, api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { useShortcuts } from '../lib/keyboard.ts';
import { localName } from '../lib/lookups.ts';
import { href, linkHandler, navigate } from '../lib/router.ts';
import type { Agent, TicketDetail } from '../lib/types.ts';
import { SideConversationsPanel } from '../side-conversations/SideConversationsPanel.tsx';
import { CsatPanel, SlaPanel } from '../sla/TicketPanels.tsx';
import { Composer, type Mode } from './Composer.tsx';
import { useEarlierMessages } from './earlier-messages.ts';
import { Properties, useUpdateTicket } from './Properties.tsx';
import { SafetyPanel } from './SafetyPanel.tsx';
import { CustomerPanel, FormAnswers, History } from './SidePanels.tsx';
import { Thread } from './Thread.tsx';
import { usePresence } from './usePresence.ts';

export function TicketView({ ticketRef, me, order }: { ticketRef: string; me: Agent; order: string[] }) {
  const t = useT();
  const socket = useChatSocket();
  const { connected } = useChatState();
  const ticket = useQuery({
    queryKey: keys.ticket(ticketRef),
    queryFn: () => api<TicketDetail>('GET', `/tickets/${ticketRef}`),
    // A chat's timeline arrives over the socket (and invalidates this query); others still poll.
    refetchInterval: (q) => (q.state.data?.channel === 'chat' && connected ? false : 15_000),
  });
  const chatId = ticket.data?.channel === 'chat' ? ticket.data.id : null;
  useEffect(() => {
    if (chatId) socket.follow(chatId);
  }, [socket, chatId]);
  // A merged ticket answers with the ticket it went into: follow it (in place of this page, so
  // "back" does not bounce here again).
  const into = ticket.data?.mergedInto?.number;
  useEffect(() => {
    if (into) navigate(`/tickets/${into}`, { replace: true });
  }, [into]);
  if (ticket.isPending) return <p className="loading">…</p>;
  if (into) return <p className="loading">{t('ticket.mergedInto', { number: into })}</p>;
  if (ticket.error) {
    return (
      <p className="error">
        {ticket.error instanceof ApiError ? ticket.error.message : t('common.failed')}{' '}
        <a href={href('/')} onClick={linkHandler('/')}>
          {t('nav.inbox')}
        </a>
      </p>
    );
  }
  return <Loaded ticket={ticket.data} me={me} order={order} />;
}

function Loaded({ ticket, me, order }: { ticket: TicketDetail; me: Agent; order: string[] }) {
  const t = useT();
  const { language } = useLocale();
  const [mode, setMode] = useState<Mode>('reply');
  const [typing, setTyping] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const others = usePresence(ticket.number, typing);
  const update = useUpdateTicket(ticket);
  const thread = useEarlierMessages(ticket);
  const step = (delta: number) => {
    const at = order.indexOf(ticket.number);
    const next = order[at + delta];
    if (at >= 0 && next) navigate(`/tickets/${next}`);
  };
  const focusComposer = (m: Mode) => {
    setMode(m);
    setTimeout(() => input.current?.focus(), 0);
  };
  useShortcuts({
    j: () => step(1),
    k: () => step(-1),
    r: () => focusComposer('reply'),
    n: () => focusComposer('note'),
    e: () => update.mutate({ status: 'solved' }),
    '/': () => navigate('/'),
    escape: () => navigate('/'),
  });
  return (
    <div className="ticket">
      <div className="main-column">
        <header className="ticket-head">
          <a href={href('/')} onClick={linkHandler('/')} className="back">
            ‹ {t('nav.inbox')}
          </a>
          <h1>
            <span className="mono">{ticket.number}</span> <span className="title">{ticket.title}</span>
          </h1>
          <p className="muted">
            <span className={`badge status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>{' '}
            <span className={`badge priority-${ticket.priority}`}>{t(`priority.${ticket.priority}`)}</span>{' '}
            {localName(ticket.category, language)} · {ticket.channel}
          </p>
        </header>
        {others.length > 0 && (
          <div className="collision" role="status" data-testid="collision">
            {others.map((o) => (
              <span key={o.agentId}>
                {o.state === 'typing'
                  ? t('presence.typing', { name: o.name })
                  : t('presence.viewing', { name: o.name })}
              </span>
            ))}
          </div>
        )}
        {thread.remaining > 0 && (
          <button
            type="button"
            className="link earlier-messages"
            data-testid="earlier-messages"
            disabled={thread.loading}
            onClick={thread.showEarlier}
          >
            {thread.loading ? t('thread.earlierLoading') : t('thread.earlier', { count: thread.remaining })}
          </button>
        )}
        {thread.failed && (
          <p className="error" role="alert">
            {t('common.failed')}
          </p>
        )}
        <Thread messages={thread.messages} history={ticket.history} />
        <Composer ticket={ticket} me={me} mode={mode} onMode={setMode} input={input} onTyping={setTyping} />
      </div>
      <aside className="side-column">
        <Properties key={ticket.tags.join(',')} ticket={ticket} />
        <TicketFieldsPanel ticket={ticket} />
        <SafetyPanel ticket={ticket} />
        <IncidentPanel ticket={ticket} />
        <SideConversationsPanel ticket={ticket} />
        <SlaPanel ticket={ticket} />
        <CsatPanel ticket={ticket} />
        <CustomerPanel ticket={ticket} />
        <FormAnswers ticket={ticket} />
        <MergePanel ticket={ticket} />
        <History ticket={ticket} />
      </aside>
    </div>
  );
}
