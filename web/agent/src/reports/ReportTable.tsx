import { useT } from '../lib/i18n.ts';
import type { TicketReportRow } from '../lib/service-types.ts';

export const minutes = (v: number | null) => (v === null ? '—' : String(Math.round(v * 10) / 10));
export const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
export const average = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** One grouping's figures as a table, with the same query as CSV (UTF-8 with BOM) beside it. */
export function ReportTable({
  title,
  group,
  rows,
  names,
  csvUrl,
}: {
  title: string;
  group: string;
  rows: TicketReportRow[];
  names: string[];
  csvUrl: string;
}) {
  const t = useT();
  return (
    <section className="panel report-table" data-group={group}>
      <header className="row">
        <h2>{title}</h2>
        <span className="spacer" />
        <a className="button" href={csvUrl} download data-testid={`csv-${group}`}>
          {t('reports.exportCsv')}
        </a>
      </header>
      <div className="scroll-x">
        <table className="grid compact numbers">
          <thead>
            <tr>
              <th rowSpan={2}>{t('admin.name')}</th>
              <th rowSpan={2}>{t('reports.created')}</th>
              <th rowSpan={2}>{t('reports.solved')}</th>
              <th rowSpan={2}>{t('reports.reopened')}</th>
              <th colSpan={2}>{t('reports.firstResponse')}</th>
              <th colSpan={2}>{t('reports.resolution')}</th>
              <th rowSpan={2}>{t('reports.attainment')}</th>
              <th rowSpan={2}>{t('reports.csatAverage')}</th>
              <th rowSpan={2}>{t('reports.csatShare')}</th>
            </tr>
            <tr>
              <th>{t('reports.median')}</th>
              <th>{t('reports.p90')}</th>
              <th>{t('reports.median')}</th>
              <th>{t('reports.p90')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key ?? 'none'} data-key={r.key ?? ''}>
                <td className="name">{names[i]}</td>
                <td data-col="created">{r.created}</td>
                <td data-col="solved">{r.solved}</td>
                <td data-col="reopened">{r.reopened}</td>
                <td data-col="frMedian">{minutes(r.firstResponse.medianMinutes)}</td>
                <td data-col="frP90">{minutes(r.firstResponse.p90Minutes)}</td>
                <td data-col="resMedian">{minutes(r.resolution.medianMinutes)}</td>
                <td data-col="resP90">{minutes(r.resolution.p90Minutes)}</td>
                <td data-col="attainment">
                  {percent(r.sla.attainment)}{' '}
                  <span className="muted small">
                    ({r.sla.met}/{r.sla.total})
                  </span>
                </td>
                <td data-col="csat">
                  {average(r.csat.average)} <span className="muted small">({r.csat.count})</span>
                </td>
                <td data-col="csatShare">{percent(r.csat.satisfiedShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
