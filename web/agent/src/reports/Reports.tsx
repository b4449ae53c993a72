import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, queryString } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { localName, useCategories, useTeams } from '../lib/lookups.ts';
import type { TicketReportRow, TrendPoint } from '../lib/service-types.ts';
import { CHANNELS } from '../lib/types.ts';
import { Chart } from './Chart.tsx';
import { ChatReports } from './ChatReports.tsx';
import { attainmentOption, csatOption, durationOption, trendOption, volumeOption } from './options.ts';
import { bucketsOf, dayIn, periodQuery } from './period.ts';
import { average, percent, ReportTable } from './ReportTable.tsx';
import './reports.css';

type Group = 'team' | 'agent';
interface Rows {
  rows: TicketReportRow[];
}

/** Supervisors' reports: one period and scope, cards, charts and a table per team and per agent. */
export default function Reports() {
  const t = useT();
  const { language, timeZone } = useLocale();
  const teams = useTeams();
  const categories = useCategories();
  const [from, setFrom] = useState(() => dayIn(timeZone, -29));
  const [to, setTo] = useState(() => dayIn(timeZone));
  const [teamId, setTeamId] = useState('');
  const [channel, setChannel] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [group, setGroup] = useState<Group>('team');
  const [interval, setTrendInterval] = useState<'day' | 'week'>('day');
  const scope = useMemo(
    () => ({ ...periodQuery(from, to, timeZone), teamId, channel, categoryId }),
    [from, to, timeZone, teamId, channel, categoryId],
  );
  const rowsOf = (groupBy: 'total' | Group) => ({
    queryKey: keys.reports({ ...scope, groupBy }),
    queryFn: () => api<Rows>('GET', `/reports/tickets${queryString({ ...scope, groupBy })}`),
    select: (d: Rows) => d.rows,
    refetchInterval: false as const,
  });
  const total = useQuery(rowsOf('total'));
  const perTeam = useQuery(rowsOf('team'));
  const perAgent = useQuery(rowsOf('agent'));
  const trend = useQuery({
    queryKey: keys.reports({ ...scope, interval, timeZone, trend: true }),
    queryFn: () =>
      api<{ points: TrendPoint[] }>(
        'GET',
        `/reports/tickets/trend${queryString({ ...scope, interval, timeZone })}`,
      ),
    select: (d) => d.points,
    refetchInterval: false,
  });
  const sections = useQuery({
    queryKey: ['reports', 'sections'],
    queryFn: () => api<{ sections: Array<{ name: string; available: boolean }> }>('GET', '/reports'),
    staleTime: 600_000,
  });
  const chatLater = sections.data?.sections.some((s) => s.name === 'chat' && !s.available);
  const chatReady = sections.data?.sections.some((s) => s.name === 'chat' && s.available);

  /** A row's name in the viewer's language (teams), or the placeholder for "no team / nobody". */
  const nameOf = (r: { key: string | null; name: string }, g: Group) => {
    if (r.key === null) return t(g === 'team' ? 'reports.noTeam' : 'reports.noAgent');
    if (g === 'team') {
      const team = teams.data?.find((x) => x.id === r.key);
      return team ? localName(team, language) : r.name;
    }
    return r.name;
  };
  const grouped = (group === 'team' ? perTeam.data : perAgent.data) ?? [];
  const names = grouped.map((r) => nameOf(r, group));
  const groupWord = t(group === 'team' ? 'reports.perTeam' : 'reports.perAgent');
  const groupLabel = language === 'en' ? groupWord.toLowerCase() : groupWord;
  const volumeLabels = {
    created: t('reports.created'),
    solved: t('reports.solved'),
    reopened: t('reports.reopened'),
  };
  const spread = { median: t('reports.median'), p90: t('reports.p90') };
  const csvUrl = (g: 'total' | Group) =>
    `/api/v1/reports/tickets/export.csv${queryString({ ...scope, groupBy: g })}`;
  const sum = total.data?.[0];

  return (
    <div className="reports">
      <header className="reports-head">
        <h1>{t('reports.title')}</h1>
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('reports.from')}{' '}
            <input
              type="date"
              name="from"
              value={from}
              max={to}
              onChange={(e) => e.target.value && setFrom(e.target.value)}
            />
          </label>
          <label>
            {t('reports.to')}{' '}
            <input
              type="date"
              name="to"
              value={to}
              min={from}
              onChange={(e) => e.target.value && setTo(e.target.value)}
            />
          </label>
          <select aria-label={t('ticket.team')} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">
              {t('ticket.team')}: {t('common.any')}
            </option>
            {teams.data?.map((x) => (
              <option key={x.id} value={x.id}>
                {localName(x, language)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('ticket.channel')}
            value={channel}
            onChange={(e) => setChannel(e.target.value)}
          >
            <option value="">
              {t('ticket.channel')}: {t('common.any')}
            </option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <select
            aria-label={t('ticket.category')}
            value={categoryId}
            onChange={(e) => setCategoryId(e.target.value)}
          >
            <option value="">
              {t('ticket.category')}: {t('common.any')}
            </option>
            {categories.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {localName(c, language)}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>{t('reports.groupBy')}</legend>
            {(['team', 'agent'] as const).map((g) => (
              <button
                key={g}
                type="button"
                className={group === g ? 'chip on' : 'chip'}
                aria-pressed={group === g}
                onClick={() => setGroup(g)}
              >
                {t(g === 'team' ? 'reports.perTeam' : 'reports.perAgent')}
              </button>
            ))}
          </fieldset>
        </form>
      </header>
      {(total.error || perTeam.error) && <p className="error">{(total.error ?? perTeam.error)?.message}</p>}
      <div className="cards" data-testid="report-cards">
        <Card label={t('reports.created')} value={sum ? String(sum.created) : '…'} name="created" />
        <Card label={t('reports.solved')} value={sum ? String(sum.solved) : '…'} name="solved" />
        <Card label={t('reports.reopened')} value={sum ? String(sum.reopened) : '…'} name="reopened" />
        <Card
          label={t('reports.attainment')}
          value={sum ? percent(sum.sla.attainment) : '…'}
          name="attainment"
        />
        <Card label={t('reports.csatAverage')} value={sum ? average(sum.csat.average) : '…'} name="csat" />
        <Card
          label={t('reports.csatShare')}
          value={sum ? percent(sum.csat.satisfiedShare) : '…'}
          name="csatShare"
        />
      </div>
      <div className="charts">
        <div className="chart-wide">
          <div className="row">
            <span className="spacer" />
            <label className="small">
              {t('reports.interval')}{' '}
              <select
                value={interval}
                onChange={(e) => setTrendInterval(e.target.value === 'week' ? 'week' : 'day')}
              >
                <option value="day">{t('reports.day')}</option>
                <option value="week">{t('reports.week')}</option>
              </select>
            </label>
          </div>
          <Chart
            label={t('reports.volumeTrend')}
            option={trendOption(bucketsOf(from, to, interval), trend.data ?? [], volumeLabels)}
          />
        </div>
        <Chart
          label={t('reports.volumeBy', { group: groupLabel })}
          option={volumeOption(grouped, names, volumeLabels)}
        />
        <Chart
          label={t('reports.slaBy', { group: groupLabel })}
          option={attainmentOption(grouped, names, t('reports.attainment'))}
        />
        <Chart
          label={t('reports.firstResponse')}
          option={durationOption(grouped, names, 'firstResponse', spread)}
        />
        <Chart
          label={t('reports.resolution')}
          option={durationOption(grouped, names, 'resolution', spread)}
        />
        <Chart
          label={t('reports.csatBy', { group: groupLabel })}
          option={csatOption(grouped, names, {
            average: t('reports.csatAverage'),
            share: t('reports.csatShare'),
          })}
        />
      </div>
      <ReportTable
        title={t('reports.table', { group: t('reports.perTeam') })}
        group="team"
        rows={perTeam.data ?? []}
        names={(perTeam.data ?? []).map((r) => nameOf(r, 'team'))}
        csvUrl={csvUrl('team')}
      />
      <ReportTable
        title={t('reports.table', { group: t('reports.perAgent') })}
        group="agent"
        rows={perAgent.data ?? []}
        names={(perAgent.data ?? []).map((r) => nameOf(r, 'agent'))}
        csvUrl={csvUrl('agent')}
      />
      {chatReady && (
        <ChatReports
          scope={scope}
          group={group}
          groupLabel={groupLabel}
          nameOf={(key, name, g) => nameOf({ key, name }, g)}
        />
      )}
      {chatLater && <p className="muted">{t('reports.chatLater')}</p>}
    </div>
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
