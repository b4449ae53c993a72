import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import type { TicketDetail } from '../lib/types.ts';

interface Finding {
  messageId: string | null;
  kind: string;
  start: number;
  end: number;
}

/**
 * What the safety screen found in this ticket: abusive language flagged (never removed from the
 * record) and secrets that were hidden before storage. Kinds and counts only — never the secret.
 */
export function SafetyPanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const findings = useQuery({
    queryKey: ['ticket-safety', ticket.id, ticket.lastSeq],
    queryFn: () => api<{ items: Finding[] }>('GET', `/tickets/${ticket.id}/safety-findings`),
  });
  const items = findings.data?.items ?? [];
  if (items.length === 0) return null;
  const abusive = new Set(items.filter((f) => f.kind === 'abuse').map((f) => f.messageId));
  const hidden = [...new Set(items.filter((f) => f.kind !== 'abuse').map((f) => f.kind))];
  return (
    <section className="panel safety-panel" data-testid="safety-panel" role="note">
      <h3>{t('safety.title')}</h3>
      {abusive.size > 0 && <p>{t('safety.abuse', { count: abusive.size })}</p>}
      {hidden.length > 0 && <p>{t('safety.hidden', { kinds: hidden.join(', ') })}</p>}
    </section>
  );
}
