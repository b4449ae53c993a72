import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import type { NoticePreference } from '../lib/service-types.ts';

/** In the account screen: how each kind of notification reaches me (workspace, email). */
export function NotificationPreferences() {
  const t = useT();
  const client = useQueryClient();
  const prefs = useQuery({
    queryKey: keys.noticePrefs,
    queryFn: () => api<{ items: NoticePreference[] }>('GET', '/agent/notification-preferences'),
    select: (d) => d.items,
  });
  // The boxes show the choice at once; the server's answer replaces it when it comes back.
  const [local, setLocal] = useState<NoticePreference[] | null>(null);
  const save = useMutation({
    mutationFn: (items: NoticePreference[]) => api('PUT', '/agent/notification-preferences', { items }),
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: keys.noticePrefs });
      setLocal(null);
    },
  });
  const items = local ?? prefs.data ?? [];
  const change = (kind: string, patch: Partial<NoticePreference>) => {
    const next = items.map((p) => (p.kind === kind ? { ...p, ...patch } : p));
    setLocal(next);
    save.mutate(next);
  };
  return (
    <section className="panel" data-testid="notice-prefs">
      <h2>{t('bell.preferences')}</h2>
      <table className="grid compact">
        <thead>
          <tr>
            <th />
            <th>{t('bell.inApp')}</th>
            <th>{t('bell.email')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.kind}>
              <td>{t(`notice.${p.kind}`)}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${t(`notice.${p.kind}`)} · ${t('bell.inApp')}`}
                  checked={p.inApp}
                  disabled={save.isPending}
                  onChange={(e) => change(p.kind, { inApp: e.target.checked })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${t(`notice.${p.kind}`)} · ${t('bell.email')}`}
                  checked={p.email}
                  disabled={save.isPending}
                  onChange={(e) => change(p.kind, { email: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
