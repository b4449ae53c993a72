import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import { localName } from '../lib/lookups.ts';
import type { SlaCalendar } from '../lib/service-types.ts';

interface TeamHours {
  teamId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  calendarId: string | null;
  openNow: boolean;
  opensAt: string | null;
  closesAt: string | null;
}

/** Each team's live-chat hours: one of the business calendars, or around the clock. */
export function TeamChatHours({ canEdit, calendars }: { canEdit: boolean; calendars: SlaCalendar[] }) {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const hours = useQuery({
    queryKey: keys.chatHours,
    queryFn: () => api<{ items: TeamHours[] }>('GET', '/chat/hours'),
    refetchInterval: 60_000,
  });
  const save = useMutation({
    mutationFn: (v: { teamId: string; calendarId: string | null }) =>
      api('PUT', `/admin/teams/${v.teamId}/chat-hours`, { calendarId: v.calendarId }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.chatHours }),
  });
  const state = (h: TeamHours) => {
    if (h.calendarId === null) return t('admin.alwaysOpen');
    if (h.openNow)
      return h.closesAt ? t('admin.openUntil', { time: formatTime(h.closesAt, locale) }) : t('admin.openNow');
    return h.opensAt ? t('admin.opensAt', { time: formatTime(h.opensAt, locale) }) : t('admin.closedNoHours');
  };
  return (
    <section className="panel" data-testid="chat-hours">
      <h2>{t('admin.chatHours')}</h2>
      <p className="muted">{t('admin.chatHoursHint')}</p>
      {hours.error && <p className="error">{hours.error.message}</p>}
      {save.error && <p className="error">{save.error.message}</p>}
      <table className="grid compact">
        <tbody>
          {hours.data?.items.map((h) => (
            <tr key={h.teamId} data-team={h.code}>
              <th scope="row">{localName(h, locale.language)}</th>
              <td>
                {canEdit ? (
                  <select
                    aria-label={`${t('admin.chatCalendar')}: ${localName(h, locale.language)}`}
                    value={h.calendarId ?? ''}
                    disabled={save.isPending}
                    onChange={(e) => save.mutate({ teamId: h.teamId, calendarId: e.target.value || null })}
                  >
                    <option value="">{t('admin.alwaysOpen')}</option>
                    {calendars.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                ) : (
                  (calendars.find((c) => c.id === h.calendarId)?.name ?? t('admin.alwaysOpen'))
                )}
              </td>
              <td>{state(h)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
