import { type MessageKey, useT } from '../lib/i18n.ts';
import {
  blankWhen,
  clampWhole,
  MAX_AMOUNT,
  MAX_MINUTES_BEFORE,
  SLA_METRICS,
  type TimeRuleWhen,
  WHEN_STATUSES,
  WHEN_UNITS,
} from './time-rule-types.ts';

/** What starts a time rule: a status held long enough, or a service-level clock near its due time. */
export function TimeWhenInputs({
  when,
  onChange,
}: {
  when: TimeRuleWhen;
  onChange: (w: TimeRuleWhen) => void;
}) {
  const t = useT();
  return (
    <fieldset className="time-when">
      <legend>{t('tr.when')}</legend>
      <div className="rule-row">
        <select
          name="whenType"
          aria-label={t('tr.when')}
          value={when.type}
          onChange={(e) => onChange(blankWhen(e.target.value as TimeRuleWhen['type']))}
        >
          <option value="status_for">{t('tr.when.status_for')}</option>
          <option value="sla_due">{t('tr.when.sla_due')}</option>
        </select>
        {when.type === 'status_for' ? (
          <>
            <select
              name="whenStatus"
              aria-label={t('tr.status')}
              value={when.status}
              onChange={(e) => onChange({ ...when, status: e.target.value as typeof when.status })}
            >
              {WHEN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
            <input
              name="whenAmount"
              type="number"
              aria-label={t('tr.amount')}
              min={1}
              max={MAX_AMOUNT}
              value={when.amount}
              onChange={(e) => onChange({ ...when, amount: clampWhole(e.target.value, 1, MAX_AMOUNT) })}
            />
            <select
              name="whenUnit"
              aria-label={t('tr.unit')}
              value={when.unit}
              onChange={(e) => onChange({ ...when, unit: e.target.value as typeof when.unit })}
            >
              {WHEN_UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`tr.unit.${u}`)}
                </option>
              ))}
            </select>
          </>
        ) : (
          <label className="inline">
            <input
              name="whenMinutes"
              type="number"
              aria-label={t('tr.minutesBefore')}
              min={0}
              max={MAX_MINUTES_BEFORE}
              value={when.minutesBefore}
              onChange={(e) =>
                onChange({ ...when, minutesBefore: clampWhole(e.target.value, 0, MAX_MINUTES_BEFORE) })
              }
            />
            {t('tr.minutesBefore')}
          </label>
        )}
      </div>
      {when.type === 'sla_due' && (
        <div className="rule-row">
          <span className="muted">{t('tr.metrics')}:</span>
          {SLA_METRICS.map((m) => {
            const chosen = when.metrics ?? [];
            return (
              <label key={m} className="inline">
                <input
                  type="checkbox"
                  name="whenMetric"
                  value={m}
                  checked={chosen.includes(m)}
                  onChange={(e) =>
                    onChange({
                      ...when,
                      metrics: e.target.checked ? [...chosen, m] : chosen.filter((x) => x !== m),
                    })
                  }
                />
                {t(`sla.metric.${m}`)}
              </label>
            );
          })}
          {(when.metrics ?? []).length === 0 && <span className="muted small">{t('tr.metricsAll')}</span>}
        </div>
      )}
    </fieldset>
  );
}
