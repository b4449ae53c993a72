import type { MessageKey } from '../lib/i18n.ts';
import { ACTION_TYPES, type Action, blankAction, type Condition } from './trigger-types.ts';

/** The time rules API's vocabulary (server/src/automations/time-when.ts and sla/clock.ts). */
export const WHEN_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved'] as const;
export const WHEN_UNITS = ['hours', 'business_hours', 'business_days'] as const;
export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];
/** The API's bounds on `amount` and `minutesBefore` (a week of minutes). */
export const MAX_AMOUNT = 10_000;
export const MAX_MINUTES_BEFORE = 10_080;

export type TimeRuleWhen =
  | {
      type: 'status_for';
      status: (typeof WHEN_STATUSES)[number];
      amount: number;
      unit: (typeof WHEN_UNITS)[number];
    }
  | { type: 'sla_due'; metrics?: SlaMetric[]; minutesBefore: number };

export interface TimeRule {
  id: string;
  name: string;
  active: boolean;
  position: number;
  when: TimeRuleWhen;
  match: 'all' | 'any';
  conditions: Condition[];
  actions: Action[];
  fireCount: number;
  lastFiredAt: string | null;
}

export type TimeRuleDraft = Omit<TimeRule, 'id' | 'fireCount' | 'lastFiredAt'>;

/** A ticket the rule is due for (GET /admin/time-rules/:id/due). */
export interface DueTicket {
  ticketId: string;
  number: string;
  title: string;
  occurrence: string;
  dueAt: string;
}

/** A time rule runs every action a trigger can, except sending a webhook (it has no event). */
export const TIME_RULE_ACTIONS = ACTION_TYPES.filter((a) => a !== 'webhook');

export function blankWhen(type: TimeRuleWhen['type']): TimeRuleWhen {
  return type === 'status_for'
    ? { type, status: 'pending', amount: 24, unit: 'hours' }
    : { type, metrics: [], minutesBefore: 30 };
}

export const blankTimeRule = (): TimeRuleDraft => ({
  name: '',
  active: true,
  position: 0,
  when: blankWhen('status_for'),
  match: 'all',
  conditions: [],
  actions: [blankAction('add_tags')],
});

export const timeRuleDraft = (r: TimeRule): TimeRuleDraft => ({
  name: r.name,
  active: r.active,
  position: r.position,
  when: r.when,
  match: r.match,
  conditions: r.conditions,
  actions: r.actions,
});

/** A whole number within the API's bounds, from whatever the number input holds. */
export function clampWhole(text: string, min: number, max: number): number {
  const n = Math.round(Number(text));
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
}

/** The rule's `when` in a line of the list: "pending for 3 working days". */
export function describeWhen(
  when: TimeRuleWhen,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  if (when.type === 'status_for')
    return t('tr.describe.status_for', {
      status: t(`status.${when.status}` as MessageKey),
      amount: when.amount,
      unit: t(`tr.unit.${when.unit}`),
    });
  const metrics = when.metrics?.length
    ? when.metrics.map((m) => t(`sla.metric.${m}`)).join(', ')
    : t('tr.allClocks');
  return when.minutesBefore === 0
    ? t('tr.describe.sla_due.breach', { metrics })
    : t('tr.describe.sla_due', { metrics, minutes: when.minutesBefore });
}
