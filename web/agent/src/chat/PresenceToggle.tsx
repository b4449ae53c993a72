import type { AgentChatStatus } from '../../../../shared/chat-protocol.ts';
import { useT } from '../lib/i18n.ts';
import { useChatSocket, useChatState, useQueues } from './context.tsx';

const STATUSES: AgentChatStatus[] = ['online', 'away', 'offline'];

/** The agent's chat status in the top bar, with how many chats they hold of how many they may. */
export function PresenceToggle() {
  const t = useT();
  const socket = useChatSocket();
  const state = useChatState();
  const queues = useQueues(15_000);
  const me = queues.data?.me;
  const status = state.status ?? 'offline';
  return (
    <span className={`presence presence-${status}`}>
      <select
        name="presence"
        aria-label={t('presence.label')}
        value={status}
        onChange={(e) => socket.setPresence(e.target.value as AgentChatStatus)}
      >
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`presence.${s}`)}
          </option>
        ))}
      </select>
      {me && (
        <span className="capacity" data-testid="capacity">
          {t('presence.capacity', { load: me.load, capacity: me.capacity })}
        </span>
      )}
      {!state.connected && <span className="muted">{t('presence.reconnecting')}</span>}
    </span>
  );
}
