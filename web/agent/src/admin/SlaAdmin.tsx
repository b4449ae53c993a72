import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import type { SlaCalendar } from '../lib/service-types.ts';
import type { Agent } from '../lib/types.ts';
import { SlaCalendars } from './SlaCalendars.tsx';
import { SlaPolicies } from './SlaPolicies.tsx';
import { TeamChatHours } from './TeamChatHours.tsx';
import './admin.css';

/** Service levels: policies and business calendars (supervisors read, admins change). */
export default function SlaAdmin({ agent }: { agent: Agent }) {
  const t = useT();
  const calendars = useQuery({
    queryKey: keys.slaCalendars,
    queryFn: () => api<{ chinaHolidayDataUntil: string; items: SlaCalendar[] }>('GET', '/sla/calendars'),
  });
  const canEdit = agent.role === 'admin';
  return (
    <div className="sla-admin">
      <h1>{t('nav.serviceLevels')}</h1>
      {!canEdit && <p className="muted">{t('admin.adminOnly')}</p>}
      {calendars.error && <p className="error">{calendars.error.message}</p>}
      <SlaPolicies canEdit={canEdit} calendars={calendars.data?.items ?? []} />
      <SlaCalendars
        canEdit={canEdit}
        calendars={calendars.data?.items ?? []}
        dataUntil={calendars.data?.chinaHolidayDataUntil ?? ''}
      />
      <TeamChatHours canEdit={canEdit} calendars={calendars.data?.items ?? []} />
    </div>
  );
}
