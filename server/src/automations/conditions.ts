import { type Static, Type } from '@fastify/type-provider-typebox';

/**
 * A trigger's conditions. Each looks at the ticket after the event, the event itself or the
 * customer; `match` says whether all or any must hold. To add one (custom fields): a member of
 * `ConditionSchema`, what it reads in `ConditionFacts` (trigger-context.ts fills it) and its test
 * in `holds`.
 */
const Values = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 50 });
const InList = Type.Union([Type.Literal('is'), Type.Literal('is_not')]);
const FIELD_OPS = [
  'equals',
  'not_equals',
  'contains',
  'is_set',
  'not_set',
  'gt',
  'gte',
  'lt',
  'lte',
] as const;

export const ConditionSchema = Type.Union([
  Type.Object(
    {
      field: Type.Union([
        Type.Literal('channel'),
        Type.Literal('category'),
        Type.Literal('team'),
        Type.Literal('priority'),
        Type.Literal('status'),
        Type.Literal('assignee'),
        Type.Literal('language'),
        Type.Literal('actor'),
        /** The mail's authenticity verdict: verified | unverified | none (not a mail). */
        Type.Literal('mail_authenticity'),
      ]),
      op: InList,
      value: Values,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      field: Type.Literal('tags'),
      op: Type.Union([Type.Literal('includes_any'), Type.Literal('includes_none')]),
      value: Values,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      /** The message of the event (the description on a new ticket), and the title. */
      field: Type.Literal('text'),
      op: Type.Union([Type.Literal('contains'), Type.Literal('not_contains')]),
      value: Type.String({ minLength: 1, maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      field: Type.Literal('customer'),
      key: Type.Union([
        Type.Literal('uid'),
        Type.Literal('name'),
        Type.Literal('email'),
        Type.Literal('region'),
        Type.Literal('language'),
      ]),
      op: Type.Union([Type.Literal('is'), Type.Literal('is_not'), Type.Literal('contains')]),
      value: Type.String({ maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      /** A custom field of the ticket or of its customer (custom-fields/). */
      field: Type.Literal('custom_field'),
      entity: Type.Union([Type.Literal('ticket'), Type.Literal('customer')]),
      key: Type.String({ minLength: 1, maxLength: 64 }),
      op: Type.Union(FIELD_OPS.map((o) => Type.Literal(o))),
      /** Not read by is_set / not_set. Numbers compare as numbers, dates (YYYY-MM-DD) as dates. */
      value: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()])),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      /** Inside the working hours of the ticket's team's business calendar (the desk's default). */
      field: Type.Literal('business_hours'),
      op: Type.Literal('is'),
      value: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
]);
export type Condition = Static<typeof ConditionSchema>;
export const ConditionList = Type.Array(ConditionSchema, { maxItems: 30 });

/** What the conditions read, gathered once per event (trigger-context.ts). */
export interface ConditionFacts {
  channel: string;
  category: string | null;
  team: string | null;
  priority: string;
  status: string;
  assignee: string | null;
  /** The customer's language. */
  language: string;
  actor: string;
  mail_authenticity: 'verified' | 'unverified' | 'none';
  tags: readonly string[];
  text: string;
  customer: {
    uid: string | null;
    name: string | null;
    email: string | null;
    region: string | null;
    language: string;
  };
  businessHours: boolean;
  /** The custom field values of the ticket and of its customer. */
  ticketFields: Record<string, unknown>;
  customerFields: Record<string, unknown>;
}

type FieldCondition = Extract<Condition, { field: 'custom_field' }>;

/** A custom field condition: text compares without case, numbers as numbers, dates as dates. */
function fieldHolds(condition: FieldCondition, facts: ConditionFacts): boolean {
  const v = (condition.entity === 'ticket' ? facts.ticketFields : facts.customerFields)[condition.key];
  const set = v !== undefined && v !== null && v !== '';
  const text = (x: unknown) => String(x ?? '').toLowerCase();
  const wanted = condition.value;
  switch (condition.op) {
    case 'is_set':
      return set;
    case 'not_set':
      return !set;
    case 'equals':
      return set && text(v) === text(wanted);
    case 'not_equals':
      return !set || text(v) !== text(wanted);
    case 'contains':
      return set && text(v).includes(text(wanted));
    default: {
      if (!set || wanted === undefined || typeof v === 'boolean') return false;
      const order =
        typeof v === 'number'
          ? v - Number(wanted)
          : String(v) < String(wanted)
            ? -1
            : String(v) > String(wanted)
              ? 1
              : 0;
      if (Number.isNaN(order)) return false;
      if (condition.op === 'gt') return order > 0;
      if (condition.op === 'gte') return order >= 0;
      if (condition.op === 'lt') return order < 0;
      return order <= 0;
    }
  }
}

export function holds(condition: Condition, facts: ConditionFacts): boolean {
  switch (condition.field) {
    case 'tags': {
      const any = condition.value.some((t) => facts.tags.includes(t));
      return condition.op === 'includes_any' ? any : !any;
    }
    case 'text': {
      const has = facts.text.toLowerCase().includes(condition.value.toLowerCase());
      return condition.op === 'contains' ? has : !has;
    }
    case 'customer': {
      const value = (facts.customer[condition.key] ?? '').toLowerCase();
      const wanted = condition.value.toLowerCase();
      if (condition.op === 'contains') return value.includes(wanted);
      return condition.op === 'is' ? value === wanted : value !== wanted;
    }
    case 'business_hours':
      return facts.businessHours === condition.value;
    case 'custom_field':
      return fieldHolds(condition, facts);
    default: {
      const value = facts[condition.field] ?? 'none';
      const inList = condition.value.includes(value);
      return condition.op === 'is' ? inList : !inList;
    }
  }
}

export function conditionsHold(
  match: 'all' | 'any',
  conditions: readonly Condition[],
  facts: ConditionFacts,
) {
  if (conditions.length === 0) return true;
  return match === 'all' ? conditions.every((c) => holds(c, facts)) : conditions.some((c) => holds(c, facts));
}
