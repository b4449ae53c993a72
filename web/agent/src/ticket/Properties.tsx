import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { localName, useAgents, useCategories, useTeams } from '../lib/lookups.ts';
import { PRIORITIES, STATUSES, type TicketDetail } from '../lib/types.ts';

export type TicketPatch = Partial<{
  status: string;
  priority: string;
  categoryId: string;
  teamId: string | null;
  assigneeId: string | null;
  tags: string[];
  customFields: Record<string, string | number | boolean | null>;
}>;

/** PATCH /tickets/:id; the answer is the new ticket, written straight into the cache. */
export function useUpdateTicket(ticket: TicketDetail) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: TicketPatch) => api<TicketDetail>('PATCH', `/tickets/${ticket.id}`, patch),
    onSuccess: (fresh) => {
      client.setQueryData(keys.ticket(ticket.number), (old: TicketDetail | undefined) =>
        old ? { ...old, ...fresh, customer: old.customer } : old,
      );
      void client.invalidateQueries({ queryKey: keys.ticket(ticket.number) });
      void client.invalidateQueries({ queryKey: ['tickets', 'list'] });
    },
  });
}

/** Status, priority, category, assignee, team and tags, each changed where it is shown. */
export function Properties({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const { language } = useLocale();
  const teams = useTeams();
  const categories = useCategories();
  const agents = useAgents();
  const update = useUpdateTicket(ticket);
  const [tags, setTags] = useState(ticket.tags.join(', '));
  const saveTags = () => {
    const next = tags
      .split(/[,，\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (next.join(',') !== ticket.tags.join(',')) update.mutate({ tags: next });
  };
  return (
    <section className="panel properties">
      <h3>{t('ticket.properties')}</h3>
      <label>
        {t('ticket.status')}
        <select
          name="status"
          value={ticket.status}
          onChange={(e) => update.mutate({ status: e.target.value })}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ticket.priority')}
        <select
          name="priority"
          value={ticket.priority}
          onChange={(e) => update.mutate({ priority: e.target.value })}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ticket.category')}
        <select
          name="category"
          value={ticket.category?.id ?? ''}
          onChange={(e) => e.target.value && update.mutate({ categoryId: e.target.value })}
        >
          <option value="">—</option>
          {categories.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {localName(c, language)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ticket.assignee')}
        <select
          name="assignee"
          value={ticket.assignee?.id ?? ''}
          onChange={(e) => update.mutate({ assigneeId: e.target.value || null })}
        >
          <option value="">{t('inbox.unassigned')}</option>
          {agents.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ticket.team')}
        <select
          name="team"
          value={ticket.teamId ?? ''}
          onChange={(e) => update.mutate({ teamId: e.target.value || null })}
        >
          <option value="">—</option>
          {teams.data?.map((team) => (
            <option key={team.id} value={team.id}>
              {localName(team, language)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ticket.tags')}
        <input
          name="tags"
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          onBlur={saveTags}
          onKeyDown={(e) => e.key === 'Enter' && saveTags()}
        />
      </label>
      {update.isError && (
        <p className="error" role="alert">
          {update.error instanceof ApiError ? update.error.message : t('common.failed')}
        </p>
      )}
    </section>
  );
}
