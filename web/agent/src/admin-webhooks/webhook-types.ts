import type { Condition, EventType } from '../automations/trigger-types.ts';

/** A subscription as the API presents it (server/src/webhooks/routes.ts, `present`). */
export interface Webhook {
  id: string;
  name: string;
  url: string;
  events: EventType[];
  match: 'all' | 'any';
  filter: Condition[];
  active: boolean;
  /** The whole secret only in the answer to a create or a rotation; afterwards "…abcd". */
  secret: string | null;
  /** Sealed under another APP_SECRET: nothing is sent until it is rotated. */
  secretUnreadable: boolean;
  failuresInRow: number;
  disabledAt: string | null;
  disabledReason: string | null;
  updatedAt: string;
}

export type WebhookDraft = Pick<Webhook, 'name' | 'url' | 'events' | 'match' | 'filter' | 'active'>;

/** One attempt of a delivery, as the delivery log keeps it (null status: no HTTP answer). */
export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
  ms: number;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'refused'] as const;

export interface Delivery {
  id: string;
  eventId: string;
  eventType: EventType;
  ticketId: string | null;
  status: (typeof DELIVERY_STATUSES)[number];
  attempts: number;
  log: DeliveryAttempt[];
  createdAt: string;
  deliveredAt: string | null;
}

export interface AllowedRange {
  cidr: string;
  note: string;
  createdAt: string;
}

/**
 * What an admin needs to know first: `disabled` (the desk stopped it after failures in a row)
 * outranks the admin's own switch, because the API keeps `active` true while `disabledAt` is set
 * and nothing is sent until someone re-enables it.
 */
export function webhookState(w: Pick<Webhook, 'active' | 'disabledAt'>): 'on' | 'off' | 'disabled' {
  if (w.disabledAt) return 'disabled';
  return w.active ? 'on' : 'off';
}

/** The answers of a delivery's attempts, oldest first ("500, 500, 204"); `noAnswer` for none. */
export function responseCodes(d: Pick<Delivery, 'log'>, noAnswer: string): string {
  return d.log.map((a) => (a.status === null ? noAnswer : String(a.status))).join(', ');
}

/** The last attempt's error, if the last attempt failed. */
export function lastError(d: Pick<Delivery, 'log'>): string | null {
  return d.log.at(-1)?.error ?? null;
}

export const blankWebhook = (): WebhookDraft => ({
  name: '',
  url: 'https://',
  events: ['ticket.created'],
  match: 'all',
  filter: [],
  active: true,
});

export const draftOf = (w: Webhook): WebhookDraft => ({
  name: w.name,
  url: w.url,
  events: w.events,
  match: w.match,
  filter: w.filter,
  active: w.active,
});

/** The body of a save: a create takes no `active` (a new subscription always starts on). */
export function webhookBody(draft: WebhookDraft, isNew: boolean) {
  const { active, ...rest } = draft;
  return isNew ? { ...rest, url: rest.url.trim() } : { ...rest, url: rest.url.trim(), active };
}
