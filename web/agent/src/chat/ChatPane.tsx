import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { CustomerRestriction } from '../admin-desk/CustomerRestriction.tsx';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { localName, useAgents, useTeams } from '../lib/lookups.ts';
import { href, linkHandler } from '../lib/router.ts';
import type { Agent, TicketDetail } from '../lib/types.ts';
import { ChatComposer } from './ChatComposer.tsx';
import { ChatThread } from './ChatThread.tsx';
import { ChecklistCard, latestChecklist } from './ChecklistCard.tsx';
import { useChatSocket, useChatState } from './context.tsx';

/** One open chat: who and what, the live thread, the composer, transfer and end. */
export function ChatPane({ ticketId, me }: { ticketId: string; me: Agent }) {
  const t = useT();
  const { language } = useLocale();
  const socket = useChatSocket();
  const state = useChatState();
  const chat = socket.store.chat(ticketId);
  void state; // re-render on every store change; `chat` is read from the current snapshot
  const ticket = useQuery({
    queryKey: keys.ticket(ticketId),
    queryFn: () => api<TicketDetail>('GET', `/tickets/${ticketId}`),
    // The socket keeps the thread live; the detail only names the customer and the ticket.
    refetchInterval: false,
  });
  const agents = useAgents();
  const teams = useTeams();
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const a of agents.data ?? []) m.set(a.id, a.name);
    for (const team of teams.data ?? []) m.set(team.id, localName(team, language));
    return m;
  }, [agents.data, teams.data, language]);
  const [target, setTarget] = useState('');
  const mine = chat.agent?.id === me.id;
  const live = chat.state === 'assigned' || chat.state === 'queued';
  const checklist = latestChecklist(chat.items);

  const transfer = () => {
    const [kind, id] = target.split(':');
    if (!id) return;
    socket.transfer(ticketId, kind === 'team' ? { toTeamId: id } : { toAgentId: id });
    setTarget('');
  };

  return (
    <section className="chat-pane" aria-label={ticket.data?.title ?? ticketId}>
      <header className="chat-head">
        <div>
          <strong>{ticket.data?.customer.name ?? ticket.data?.customer.uid ?? '…'}</strong>{' '}
          <span className="muted">{ticket.data?.title}</span>{' '}
          {ticket.data && (
            <a
              href={href(`/tickets/${ticket.data.number}`)}
              onClick={linkHandler(`/tickets/${ticket.data.number}`)}
            >
              {ticket.data.number}
            </a>
          )}
        </div>
        <span className={`badge chat-state state-${chat.state ?? 'unknown'}`} data-testid="chat-state">
          {chat.state ? t(`chat.state.${chat.state}`) : '…'}
        </span>
        {live && mine && (
          <>
            <select
              name="transfer"
              aria-label={t('chat.transferTo')}
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            >
              <option value="">{t('chat.transferTo')}</option>
              {(teams.data ?? []).map((team) => (
                <option key={team.id} value={`team:${team.id}`}>
                  {t('chat.toTeam', { name: localName(team, language) })}
                </option>
              ))}
              {(agents.data ?? [])
                .filter((a) => a.id !== me.id)
                .map((a) => (
                  <option key={a.id} value={`agent:${a.id}`}>
                    {t('chat.toAgent', { name: a.name })}
                  </option>
                ))}
            </select>
            <button type="button" disabled={!target} onClick={transfer}>
              {t('chat.transfer')}
            </button>
            <button type="button" className="danger" onClick={() => socket.end(ticketId)}>
              {t('chat.end')}
            </button>
          </>
        )}
        {ticket.data && <CustomerRestriction customer={ticket.data.customer} />}
        {!(live && mine) && (
          <button type="button" onClick={() => socket.dismiss(ticketId)}>
            {t('chat.closeTab')}
          </button>
        )}
      </header>
      {state.lastError && <p className="error">{state.lastError.message}</p>}
      {chat.state === 'assigned' && !mine && <p className="muted">{t('chat.notYours')}</p>}
      {checklist && <ChecklistCard block={checklist} categoryId={ticket.data?.category?.id ?? null} />}
      <ChatThread
        items={chat.items}
        pending={chat.pending}
        customerReadSeq={chat.customerReadSeq}
        names={names}
        customerName={ticket.data?.customer.name ?? ticket.data?.customer.uid ?? null}
      />
      {chat.customerTyping && (
        <p className="typing" data-testid="customer-typing">
          {t('chat.customerTyping')}
        </p>
      )}
      {ticket.data && (
        <ChatComposer key={ticketId} ticket={ticket.data} me={me} disabled={chat.state === 'ended'} />
      )}
    </section>
  );
}
