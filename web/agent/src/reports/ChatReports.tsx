import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import type { ChatReportRow } from '../lib/service-types.ts';
import { Chart } from './Chart.tsx';
import { chatOutcomeOption, queueWaitOption } from './chat-options.ts';
import { percent } from './ReportTable.tsx';

type Group = 'team' | 'agent';
const seconds = (v: number | null) => (v === null ? '—' : String(v));
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * The live-chat section of the reports (GET /reports/chat): cards, charts per team or agent and a
 * table per grouping with its CSV. Same period, team and category as the ticket section; the
 * channel filter does not apply (every chat is on the chat channel).
 */
export function ChatReports({
  scope,
  group,
  groupLabel,
  nameOf,
}: {
  scope: Record<string, string>;
  group: Group;
  groupLabel: string;
  nameOf(key: string | null, name: string, group: Group): string;
}) {
  const t = useT();
  const { channel: _channel, ...chatScope } = scope;
  const rowsOf = (groupBy: 'total' | Group) => ({
    queryKey: keys.reports({ ...chatScope, groupBy, section: 'chat' }),
    queryFn: () =>
      api<{ rows: ChatReportRow[] }>('GET', `/reports/chat${queryString({ ...chatScope, groupBy })}`),
    select: (d: { rows: ChatReportRow[] }) => d.rows,
    refetchInterval: false as const,
  });
  const total = useQuery(rowsOf('total'));
  const perTeam = useQuery(rowsOf('team'));
  const perAgent = useQuery(rowsOf('agent'));
  const sum = total.data?.[0];
  const grouped = (group === 'team' ? perTeam.data : perAgent.data) ?? [];
  const names = grouped.map((r) => nameOf(r.key, r.name, group));
  const outcomes = {
    botResolved: t('reports.chat.botResolved'),
    handedOff: t('reports.chat.handedOff'),
    abandoned: t('reports.chat.abandoned'),
  };
  const csvUrl = (g: 'total' | Group) =>
    `/api/v1/reports/chat/export.csv${queryString({ ...chatScope, groupBy: g })}`;
  const dash = '…';
  return (
    <section className="chat-reports" data-testid="chat-reports">
      <h2>{t('reports.chat.title')}</h2>
      {total.error && <p className="error">{total.error.message}</p>}
      <div className="cards" data-testid="chat-cards">
        <Card name="chats" label={t('reports.chat.chats')} value={sum ? String(sum.chats) : dash} />
        <Card
          name="botResolved"
          label={t('reports.chat.botRate')}
          value={sum ? percent(share(sum.botResolved, sum.chats)) : dash}
        />
        <Card name="handedOff" label={outcomes.handedOff} value={sum ? String(sum.handedOff) : dash} />
        <Card
          name="abandoned"
          label={t('reports.chat.abandonRate')}
          value={sum ? percent(share(sum.abandoned, sum.handedOff)) : dash}
        />
        <Card
          name="wait"
          label={t('reports.chat.waitMedian')}
          value={sum ? seconds(sum.queueWait.medianSeconds) : dash}
        />
        <Card
          name="deflections"
          label={t('reports.chat.deflections')}
          value={sum ? String(sum.deflections ?? 0) : dash}
        />
      </div>
      <div className="charts">
        <Chart
          label={t('reports.chat.outcomesBy', { group: groupLabel })}
          option={chatOutcomeOption(grouped, names, outcomes)}
        />
        <Chart
          label={t('reports.chat.waitBy', { group: groupLabel })}
          option={queueWaitOption(grouped, names, { median: t('reports.median'), p90: t('reports.p90') })}
        />
      </div>
      {(['team', 'agent'] as const).map((g) => {
        const rows = (g === 'team' ? perTeam.data : perAgent.data) ?? [];
        return (
          <section key={g} className="panel report-table" data-group={`chat-${g}`}>
            <header className="row">
              <h2>
                {t('reports.chat.title')} ·{' '}
                {t('reports.table', { group: t(g === 'team' ? 'reports.perTeam' : 'reports.perAgent') })}
              </h2>
              <span className="spacer" />
              <a className="button" href={csvUrl(g)} download data-testid={`csv-chat-${g}`}>
                {t('reports.exportCsv')}
              </a>
            </header>
            <div className="scroll-x">
              <table className="grid compact numbers">
                <thead>
                  <tr>
                    <th rowSpan={2}>{t('admin.name')}</th>
                    <th rowSpan={2}>{t('reports.chat.chats')}</th>
                    <th rowSpan={2}>{outcomes.botResolved}</th>
                    <th rowSpan={2}>{outcomes.handedOff}</th>
                    <th rowSpan={2}>{outcomes.abandoned}</th>
                    <th colSpan={2}>{t('reports.chat.wait')}</th>
                  </tr>
                  <tr>
                    <th>{t('reports.median')}</th>
                    <th>{t('reports.p90')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key ?? 'none'} data-key={r.key ?? ''}>
                      <td className="name">{nameOf(r.key, r.name, g)}</td>
                      <td data-col="chats">{r.chats}</td>
                      <td data-col="botResolved">{r.botResolved}</td>
                      <td data-col="handedOff">{r.handedOff}</td>
                      <td data-col="abandoned">{r.abandoned}</td>
                      <td data-col="waitMedian">{seconds(r.queueWait.medianSeconds)}</td>
                      <td data-col="waitP90">{seconds(r.queueWait.p90Seconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </section>
  );
}

function Card({ label, value, name }: { label: string; value: string; name: string }) {
  return (
    <div className="card" data-card={name}>
      <span className="muted small">{label}</span>
      <strong>{value}</strong>
    </div>
  );
}
