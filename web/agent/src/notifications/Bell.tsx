import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import type { AgentNotification } from '../lib/service-types.ts';

/** Polling is enough for a badge: a count query is one indexed row, every 10 s per open tab. */
const POLL_MS = 10_000;

/** The bell in the top bar: unread count, and the list with mark read / all read. */
export function Bell() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const count = useQuery({
    queryKey: keys.unreadCount,
    queryFn: () => api<{ unread: number }>('GET', '/agent/notifications/unread-count'),
    refetchInterval: POLL_MS,
    select: (d) => d.unread,
  });
  const unread = count.data ?? 0;
  return (
    // The icon is a stylesheet image, not inline SVG: the page's own markup carries no <svg> at all.
    <div className="bell">
      <button
        type="button"
        className="bell-button"
        aria-label={`${t('bell.title')} · ${t('bell.unread', { count: unread })}`}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="bell-icon" aria-hidden="true" />
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && <NotificationList onClose={() => setOpen(false)} />}
    </div>
  );
}

function NotificationList({ onClose }: { onClose: () => void }) {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: keys.notifications,
    queryFn: () =>
      api<{ unread: number; items: AgentNotification[] }>('GET', '/agent/notifications?limit=30'),
  });
  const refresh = () => client.invalidateQueries({ queryKey: keys.notifications });
  const markRead = useMutation({
    mutationFn: (id: string) => api('POST', `/agent/notifications/${id}/read`),
    onSuccess: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => api('POST', '/agent/notifications/read-all'),
    onSuccess: refresh,
  });
  const open = (n: AgentNotification) => {
    if (!n.read) markRead.mutate(n.id);
    if (n.ticketId) navigate(`/tickets/${n.ticketId}`);
    onClose();
  };
  const items = list.data?.items ?? [];
  return (
    <div className="bell-panel panel" role="dialog" aria-label={t('bell.title')}>
      <header>
        <strong>{t('bell.title')}</strong>
        <span className="spacer" />
        <button type="button" className="link" disabled={!list.data?.unread} onClick={() => readAll.mutate()}>
          {t('bell.readAll')}
        </button>
      </header>
      {items.length === 0 && !list.isPending && <p className="muted">{t('bell.empty')}</p>}
      <ul>
        {items.map((n) => (
          <li key={n.id} className={n.read ? 'read' : 'unread'}>
            <button type="button" className="notice" onClick={() => open(n)}>
              <span className="muted small">
                {t(`notice.${n.kind}`)} · {formatTime(n.createdAt, locale)}
              </span>
              <span className="notice-title">{n.title}</span>
              {n.body && <span className="notice-body ellipsis">{n.body}</span>}
            </button>
            {!n.read && (
              <button type="button" className="link small" onClick={() => markRead.mutate(n.id)}>
                {t('bell.markRead')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
