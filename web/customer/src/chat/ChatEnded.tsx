import type { TimelineItem } from '../../../../shared/chat-protocol.ts';
import type { Lang } from '../shell/i18n.tsx';
import { RateTicket } from '../tickets/RateTicket.tsx';
import { chatText } from './messages.ts';

const ENDED_KEY = 'kefu.chat.ended.';
/** Coming back within a day shows the ended chat; later the page opens a new chat (the inbox still asks). */
const REMEMBER_MS = 24 * 3600_000;

/**
 * The ended chat of a category is remembered on this device for a day, so coming back to the chat
 * page shows it (and its rating) again instead of opening a new chat at once; "start a new chat"
 * forgets it.
 */
export function rememberedEndedChat(categoryId: string): string | null {
  try {
    const saved = JSON.parse(localStorage.getItem(ENDED_KEY + categoryId) ?? 'null') as {
      ticketId: string;
      at: number;
    } | null;
    return saved && Date.now() - saved.at < REMEMBER_MS ? saved.ticketId : null;
  } catch {
    return null;
  }
}

export function rememberEndedChat(categoryId: string, ticketId: string | null) {
  try {
    const key = ENDED_KEY + categoryId;
    if (!ticketId) return localStorage.removeItem(key);
    // Seen ended again (a return visit) keeps the first time it ended.
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as { ticketId: string; at: number } | null;
    if (saved?.ticketId === ticketId) return;
    localStorage.setItem(key, JSON.stringify({ ticketId, at: Date.now() }));
  } catch {
    // Private mode without storage: the page simply opens a new chat next time.
  }
}

/**
 * After the chat: the server's `csat_request` event (replayed on every resume) brings the rating
 * prompt; each `csat_rating` event (this or another device rated) reads the rating again.
 */
export function ChatEnded(props: { lang: Lang; ticketId: string; items: TimelineItem[]; onNewChat(): void }) {
  const asked = props.items.some((i) => i.kind === 'event' && i.event === 'csat_request');
  const ratings = props.items.filter((i) => i.kind === 'event' && i.event === 'csat_rating').length;
  return (
    <div className="chat-ended">
      <p className="chat-banner">{chatText(props.lang, 'ended')}</p>
      {asked && (
        <RateTicket ticketId={props.ticketId} refreshKey={ratings} title={chatText(props.lang, 'rateChat')} />
      )}
      <button type="button" onClick={props.onNewChat}>
        {chatText(props.lang, 'newChat')}
      </button>
    </div>
  );
}
