import { SLA_FILTERS } from '../lib/service-types.ts';

/** What the inbox shows: a view, filters, a sort, a search and a page. Saved filters store these. */
export type View = 'mine' | 'unassigned' | 'teams' | 'all';

export interface InboxFilters {
  view: View;
  status: string[];
  priority: string[];
  categoryId: string;
  teamId: string;
  assignee: string;
  tag: string;
  channel: string;
  /** breached | near | paused | ticking, or '' for any. */
  sla: string;
  /** A custom ticket field and the value it must hold exactly ('' for no such filter). */
  fieldKey: string;
  fieldValue: string;
  q: string;
  sort: string;
  /** Kept for saved links; pages now load by cursor ("more"), so it is always 0. */
  page: number;
}

export const PAGE_SIZE = 25;

export const emptyFilters: InboxFilters = {
  view: 'mine',
  status: ['new', 'open', 'pending', 'on_hold'],
  priority: [],
  categoryId: '',
  teamId: '',
  assignee: '',
  tag: '',
  channel: '',
  sla: '',
  fieldKey: '',
  fieldValue: '',
  q: '',
  sort: '-lastActivityAt',
  page: 0,
};

/** The GET /tickets parameters for a view plus filters (the page comes as a cursor). */
export function toQuery(f: InboxFilters, limit = PAGE_SIZE) {
  const view =
    f.view === 'mine'
      ? { assignee: 'me' }
      : f.view === 'unassigned'
        ? { assignee: 'none' }
        : f.view === 'teams'
          ? { myTeams: true }
          : {};
  return {
    ...view,
    ...(f.view === 'all' || f.view === 'teams' ? { assignee: f.assignee || undefined } : {}),
    status: f.status,
    priority: f.priority,
    categoryId: f.categoryId || undefined,
    teamId: f.teamId || undefined,
    tag: f.tag || undefined,
    channel: f.channel || undefined,
    sla: f.sla || undefined,
    ...fieldFilter(f),
    q: f.q || undefined,
    sort: f.sort,
    limit,
  };
}

/** The GET /tickets/counts parameters: the filters every view shares (never the search text). */
export function toCountQuery(f: InboxFilters) {
  return {
    status: f.status,
    priority: f.priority,
    categoryId: f.categoryId || undefined,
    teamId: f.teamId || undefined,
    assignee: f.assignee || undefined,
    tag: f.tag || undefined,
    channel: f.channel || undefined,
    sla: f.sla || undefined,
    ...fieldFilter(f),
  };
}

/** The custom field filter, only when both halves are chosen. */
function fieldFilter(f: InboxFilters) {
  return f.fieldKey && f.fieldValue ? { fieldKey: f.fieldKey, fieldValue: f.fieldValue } : {};
}

/** A saved filter holds only what the agent chose, as strings and lists. */
export function toSaved(f: InboxFilters): Record<string, string | string[]> {
  const { page: _page, ...rest } = f;
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (Array.isArray(v) ? v.length : v) out[k] = v;
  }
  return out;
}

export function fromSaved(saved: Record<string, string | string[]>): InboxFilters {
  const text = (k: string) => (typeof saved[k] === 'string' ? (saved[k] as string) : '');
  const list = (k: string) =>
    Array.isArray(saved[k]) ? (saved[k] as string[]) : saved[k] ? [saved[k] as string] : [];
  const view = text('view');
  return {
    ...emptyFilters,
    view: view === 'unassigned' || view === 'teams' || view === 'all' ? view : 'mine',
    status: list('status'),
    priority: list('priority'),
    categoryId: text('categoryId'),
    teamId: text('teamId'),
    assignee: text('assignee'),
    tag: text('tag'),
    channel: text('channel'),
    sla: (SLA_FILTERS as readonly string[]).includes(text('sla')) ? text('sla') : '',
    fieldKey: text('fieldKey'),
    fieldValue: text('fieldValue'),
    q: text('q'),
    sort: text('sort') || emptyFilters.sort,
  };
}
