import { TICKET_EVENT_TYPES } from '../../../../shared/ticket-event-types.ts';
import type { FieldCondition, SetFieldAction } from '../fields/FieldRuleInputs.tsx';
import { CHANNELS, PRIORITIES, STATUSES } from '../lib/types.ts';

/** The triggers API's vocabulary (server/src/automations/conditions.ts and actions.ts). */
export const EVENT_TYPES = TICKET_EVENT_TYPES;
export type EventType = (typeof EVENT_TYPES)[number];

export const LIST_FIELDS = [
  'channel',
  'category',
  'team',
  'priority',
  'status',
  'assignee',
  'language',
  'actor',
  'mail_authenticity',
] as const;
type ListField = (typeof LIST_FIELDS)[number];
export const CONDITION_FIELDS = [
  ...LIST_FIELDS,
  'tags',
  'text',
  'customer',
  'custom_field',
  'business_hours',
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];
export const CUSTOMER_KEYS = ['uid', 'name', 'email', 'region', 'language'] as const;

export type Condition =
  | { field: ListField; op: 'is' | 'is_not'; value: string[] }
  | { field: 'tags'; op: 'includes_any' | 'includes_none'; value: string[] }
  | { field: 'text'; op: 'contains' | 'not_contains'; value: string }
  | {
      field: 'customer';
      key: (typeof CUSTOMER_KEYS)[number];
      op: 'is' | 'is_not' | 'contains';
      value: string;
    }
  | FieldCondition
  | { field: 'business_hours'; op: 'is'; value: boolean };

export const ACTION_TYPES = [
  'reply',
  'note',
  'status',
  'priority',
  'team',
  'assignee',
  'add_tags',
  'remove_tags',
  'set_field',
  'notify',
  'webhook',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export type Action =
  | { type: 'reply'; zh: string; en: string }
  | { type: 'note'; body: string }
  | { type: 'status'; value: string }
  | { type: 'priority'; value: string }
  | { type: 'team'; value: string | null }
  | { type: 'assignee'; value: string | null }
  | { type: 'add_tags' | 'remove_tags'; tags: string[] }
  | SetFieldAction
  | { type: 'notify'; agentIds: string[]; assignee?: boolean; supervisors?: boolean; text: string }
  | { type: 'webhook'; subscriptionId: string };

export interface Trigger {
  id: string;
  name: string;
  active: boolean;
  position: number;
  events: EventType[];
  match: 'all' | 'any';
  conditions: Condition[];
  actions: Action[];
  fireCount: number;
  lastFiredAt: string | null;
}

export type TriggerDraft = Omit<Trigger, 'id' | 'fireCount' | 'lastFiredAt'>;

export interface DryRunItem {
  triggerId: string;
  name: string;
  listens: boolean;
  wouldFire: boolean;
  conditions: Array<{ condition: Condition; holds: boolean }>;
  effect: {
    reply: { language: string; body: string } | null;
    notes: string[];
    changes: Array<{ field: string; from: unknown; to: unknown }>;
    notify: Array<{ agentIds: string[]; text: string }>;
    webhooks: string[];
  } | null;
}

/** Fixed choices of a list condition; the desk's own lists (teams …) come from the API. */
export const FIXED_CHOICES: Partial<Record<ListField, readonly string[]>> = {
  channel: CHANNELS,
  priority: PRIORITIES,
  status: STATUSES,
  language: ['zh-CN', 'en'],
  actor: ['customer', 'agent', 'integration', 'system'],
  mail_authenticity: ['verified', 'unverified', 'none'],
};

export function blankCondition(field: ConditionField): Condition {
  switch (field) {
    case 'tags':
      return { field, op: 'includes_any', value: [] };
    case 'text':
      return { field, op: 'contains', value: '' };
    case 'customer':
      return { field, key: 'uid', op: 'is', value: '' };
    case 'custom_field':
      return { field, entity: 'ticket', key: '', op: 'equals', value: '' };
    case 'business_hours':
      return { field, op: 'is', value: true };
    default:
      return { field, op: 'is', value: [] };
  }
}

export function blankAction(type: ActionType): Action {
  switch (type) {
    case 'reply':
      return { type, zh: '', en: '' };
    case 'note':
      return { type, body: '' };
    case 'status':
      return { type, value: 'open' };
    case 'priority':
      return { type, value: 'high' };
    case 'team':
    case 'assignee':
      return { type, value: null };
    case 'add_tags':
    case 'remove_tags':
      return { type, tags: [] };
    case 'notify':
      return { type, agentIds: [], assignee: true, text: '' };
    case 'set_field':
      return { type, key: '', value: null };
    case 'webhook':
      return { type, subscriptionId: '' };
  }
}

export const blankTrigger = (): TriggerDraft => ({
  name: '',
  active: true,
  position: 0,
  events: ['ticket.created'],
  match: 'all',
  conditions: [],
  actions: [blankAction('priority')],
});

/** "a, b ,c" → ["a","b","c"] */
export const splitList = (text: string) =>
  text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
