import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import { useAgents, useCategories } from '../lib/lookups.ts';
import { href, linkHandler } from '../lib/router.ts';
import {
  type Page,
  STATUSES,
  type TicketDetail,
  type TicketStatus,
  type TicketSummary,
} from '../lib/types.ts';

const isStatus = (value: string): value is TicketStatus => (STATUSES as string[]).includes(value);

/** Who the customer is (as the host app told us) and what else they asked. */
export function CustomerPanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const locale = useLocale();
  const c = ticket.customer;
  const past = useQuery({
    queryKey: keys.customerTickets(c.id),
    queryFn: () => api<Page<TicketSummary>>('GET', `/tickets?customerId=${c.id}&limit=10`),
  });
  return (
    <section className="panel customer">
      <h3>{t('ticket.customer')}</h3>
      <dl>
        <dt>{t('customer.name')}</dt>
        <dd>{c.name ?? '—'}</dd>
        <dt>UID</dt>
        <dd className="mono">{c.uid ?? t('customer.visitor')}</dd>
        <dt>{t('customer.email')}</dt>
        <dd>{c.email ?? '—'}</dd>
        <dt>{t('customer.region')}</dt>
        <dd>{c.region ?? '—'}</dd>
        <dt>{t('customer.language')}</dt>
        <dd>{c.language}</dd>
      </dl>
      <h4>{t('customer.pastTickets')}</h4>
      <ul className="past">
        {past.data?.items
          .filter((p) => p.id !== ticket.id)
          .map((p) => (
            <li key={p.id}>
              <a href={href(`/tickets/${p.number}`)} onClick={linkHandler(`/tickets/${p.number}`)}>
                {p.number}
              </a>{' '}
              <span className="ellipsis">{p.title}</span>{' '}
              <span className="muted">
                {t(`status.${p.status}`)} · {formatTime(p.createdAt, locale)}
              </span>
            </li>
          ))}
      </ul>
    </section>
  );
}

/** The category form's answers (the preparation checklist), labelled in the agent's language. */
export function FormAnswers({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const { language } = useLocale();
  const categories = useCategories();
  const entries = Object.entries(ticket.fields ?? {});
  if (entries.length === 0) return null;
  const form = categories.data?.find((c) => c.id === ticket.category?.id)?.form.fields ?? [];
  // A chat's answers may have come from the host app: its newest checklist event says which.
  const block = [...ticket.history].reverse().find((e) => e.kind === 'checklist')?.to as
    | { prefilled?: string[] }
    | undefined;
  const prefilled = new Set(block?.prefilled ?? []);
  return (
    <section className="panel answers">
      <h3>{t('ticket.formAnswers')}</h3>
      <dl>
        {entries.map(([key, value]) => {
          const field = form.find((f) => f.key === key);
          return (
            <div key={key}>
              <dt>{field ? (language === 'zh-CN' ? field.labelZh : field.labelEn) : key}</dt>
              <dd className="mono">
                {String(value)}
                {prefilled.has(key) && <span className="badge prefilled-badge">{t('chat.fromApp')}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/** History values are whatever the event stored (a status, an id, an object of fields): shown as text. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export function History({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const locale = useLocale();
  const agents = useAgents();
  const shown = (kind: string, value: unknown) =>
    kind === 'status' && typeof value === 'string' && isStatus(value)
      ? t(`status.${value}`)
      : valueText(value);
  const nameOf = (type: string, id: string | null) =>
    type === 'agent' ? (agents.data?.find((a) => a.id === id)?.name ?? t('thread.agent')) : type;
  return (
    <section className="panel history">
      <h3>{t('ticket.history')}</h3>
      <ol>
        {ticket.history.map((e) => (
          <li key={e.seq}>
            <time dateTime={e.at}>{formatTime(e.at, locale)}</time> {nameOf(e.actorType, e.actorId)} ·{' '}
            {e.kind}
            {(e.from !== null || e.to !== null) && (
              <>
                {' '}
                <span className="muted">{shown(e.kind, e.from)}</span> → <span>{shown(e.kind, e.to)}</span>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
