import { useQuery } from '@tanstack/react-query';
import { CustomerRestriction } from '../admin-desk/CustomerRestriction.tsx';
import { CustomerFields } from '../fields/FieldPanels.tsx';
import { useCustomFields } from '../fields/types.ts';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import { useAgents, useCategories, useTeams } from '../lib/lookups.ts';
import { href, linkHandler } from '../lib/router.ts';
import type { Page, TicketDetail, TicketSummary } from '../lib/types.ts';
import { actorName, describeHistory, type HistoryLookups } from './history-words.ts';
import { AttachmentItem } from './Thread.tsx';

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
      <CustomerRestriction customer={c} />
      <CustomerFields ticket={ticket} />
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
  // An attachments field's files are linked to the ticket's messages: shown here as there.
  const files = new Map(ticket.messages.flatMap((m) => m.attachments.map((a) => [a.id, a] as const)));
  return (
    <section className="panel answers">
      <h3>{t('ticket.formAnswers')}</h3>
      <dl>
        {entries.map(([key, value]) => {
          const field = form.find((f) => f.key === key);
          return (
            <div key={key}>
              <dt>{field ? (language === 'zh-CN' ? field.labelZh : field.labelEn) : key}</dt>
              <dd className={Array.isArray(value) ? undefined : 'mono'}>
                {Array.isArray(value) ? (
                  <ul className="attachments" data-answer-files={key}>
                    {value.map((id) => {
                      const file = files.get(id);
                      // A file of a message older than the thread's newest page: its link still works.
                      return file ? (
                        <AttachmentItem key={id} file={file} />
                      ) : (
                        <li key={id}>
                          <a
                            href={`/api/v1/attachments/${id}?download=true`}
                            rel="noopener noreferrer"
                            download
                          >
                            {id}
                          </a>
                        </li>
                      );
                    })}
                  </ul>
                ) : (
                  String(value)
                )}
                {prefilled.has(key) && <span className="badge prefilled-badge">{t('chat.fromApp')}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/** The history as sentences: names for ids, words for the stored values (history-words.ts). */
export function History({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const locale = useLocale();
  const lookups: HistoryLookups = {
    language: locale.language,
    t,
    agents: useAgents().data,
    teams: useTeams().data,
    categories: useCategories().data,
    customFields: useCustomFields().data?.items,
  };
  return (
    <section className="panel history">
      <h3>{t('ticket.history')}</h3>
      <ol>
        {ticket.history.map((e) => (
          <li key={e.seq} data-kind={e.kind}>
            <time dateTime={e.at}>{formatTime(e.at, locale)}</time> {actorName(e, lookups)} ·{' '}
            <span className="what">{describeHistory(e, lookups)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
