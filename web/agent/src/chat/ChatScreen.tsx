import { useEffect } from 'react';
import { useLocale, useT } from '../lib/i18n.ts';
import { localName } from '../lib/lookups.ts';
import { navigate } from '../lib/router.ts';
import type { Agent } from '../lib/types.ts';
import { ChatPane } from './ChatPane.tsx';
import { useChatSocket, useChatState, useQueues } from './context.tsx';
import { formatWait } from './format.ts';

/**
 * Live chats: the offers waiting in the agent's teams (accept takes one), the agent's chats as tabs
 * with unread counts, and the open chat. The route (/chats/:ticketId) says which tab is open.
 */
export function ChatScreen({ me, open }: { me: Agent; open: string | null }) {
  const t = useT();
  const { language } = useLocale();
  const socket = useChatSocket();
  const state = useChatState();
  const queues = useQueues(3_000);
  const active = open ?? state.mine[0] ?? null;

  useEffect(() => {
    socket.setActive(active);
    return () => socket.setActive(null);
  }, [socket, active]);
  // A chat just accepted or routed to the agent opens when nothing else is open.
  useEffect(() => {
    if (!open && state.mine[0]) navigate(`/chats/${state.mine[0]}`);
  }, [open, state.mine]);

  const offers = (queues.data?.teams ?? []).flatMap((team) => team.chats.map((c) => ({ ...c, team })));
  return (
    <div className="chat-screen">
      <aside className="chat-side">
        <h2>{t('chat.offers')}</h2>
        {offers.length === 0 ? (
          <p className="muted">{t('chat.noOffers')}</p>
        ) : (
          <ul className="offers">
            {offers.map((o) => (
              <li key={o.ticketId} data-testid="offer">
                <div>
                  <strong>{o.customerName ?? o.number}</strong> <span className="muted">{o.title}</span>
                </div>
                <div className="muted">
                  {localName(o.team, language)} ·{' '}
                  {t('chat.waited', { time: formatWait(o.waitSeconds, language) })}
                </div>
                <button type="button" className="primary" onClick={() => socket.accept(o.ticketId)}>
                  {t('chat.accept')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <h2>{t('chat.tabs')}</h2>
        <div className="chat-tabs" role="tablist">
          {state.mine.map((id) => {
            const chat = state.chats[id];
            return (
              <div key={id}>
                <button
                  type="button"
                  role="tab"
                  aria-selected={id === active}
                  className={id === active ? 'active' : ''}
                  onClick={() => navigate(`/chats/${id}`)}
                >
                  <ChatTabLabel ticketId={id} />
                  {chat && chat.unread > 0 && (
                    <span className="badge unread" data-testid="unread">
                      {chat.unread}
                    </span>
                  )}
                </button>
              </div>
            );
          })}
        </div>
      </aside>
      {active ? (
        <ChatPane key={active} ticketId={active} me={me} />
      ) : (
        <p className="muted">{t('chat.noChats')}</p>
      )}
    </div>
  );
}

/** The tab shows the customer's last words, since a chat has no subject of its own. */
function ChatTabLabel({ ticketId }: { ticketId: string }) {
  const state = useChatState();
  const chat = state.chats[ticketId];
  const last = [...(chat?.items ?? [])]
    .reverse()
    .find((i) => i.kind === 'message' && i.authorType === 'customer');
  const name = last?.kind === 'message' ? (last.authorName ?? '') : '';
  const text = last?.kind === 'message' ? last.body.slice(0, 24) : ticketId.slice(0, 8);
  return (
    <span className="tab-label">
      {name && <strong>{name} </strong>}
      {text}
    </span>
  );
}
