import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { type SearchRow, ticketSearchRow } from './tokens.ts';

/** Text to add to one ticket's search row. */
export interface SearchAddition {
  ticketId: string;
  texts?: string[];
  title?: string;
  fields?: Record<string, unknown> | null;
}

/**
 * Adds text to a ticket's search row, in the caller's transaction (a reply, a note, the
 * checklist's answers): the new tokens join the stored ones (tsvector `||` keeps each once), the
 * new identifiers join the list. A ticket without a row yet (before the backfill reached it) gets
 * one with this text; `npx kefu search reindex` rebuilds it whole.
 */
export async function indexTicketText(ex: Executor, ticketId: string, add: Omit<SearchAddition, 'ticketId'>) {
  await indexTicketsText(ex, [{ ticketId, ...add }]);
}

/** The same for several tickets in one statement (a batch of customers' messages). */
export async function indexTicketsText(ex: Executor, additions: SearchAddition[]): Promise<void> {
  // One row per ticket: a statement's upsert may not touch a row twice.
  const merged = new Map<string, { title: string[]; texts: string[]; fields: Record<string, unknown> }>();
  for (const a of additions) {
    const m = merged.get(a.ticketId) ?? { title: [], texts: [], fields: {} };
    if (a.title) m.title.push(a.title);
    m.texts.push(...(a.texts ?? []));
    Object.assign(m.fields, a.fields ?? {});
    merged.set(a.ticketId, m);
  }
  const rows = [...merged].map(([id, m]) => ({
    id,
    ...ticketSearchRow({ title: m.title.join(' '), fields: m.fields, texts: m.texts }),
  }));
  const useful = rows.filter((r) => r.doc.length || r.ids.length);
  if (!useful.length) return;
  await ex.execute(sql`
    insert into ticket_search (ticket_id, head, doc, ids)
    select x.id, array_to_tsvector(array(select jsonb_array_elements_text(x.head))),
           array_to_tsvector(array(select jsonb_array_elements_text(x.doc))),
           array(select jsonb_array_elements_text(x.ids))
    from jsonb_to_recordset(${JSON.stringify(useful)}::jsonb) as x(id uuid, head jsonb, doc jsonb, ids jsonb)
    on conflict (ticket_id) do update set
      head = ticket_search.head || excluded.head,
      doc = ticket_search.doc || excluded.doc,
      ids = array(select distinct i from unnest(ticket_search.ids || excluded.ids) as i),
      indexed_at = now()`);
}

/** The search row of a new ticket as one JSON parameter, for the create statement's own insert. */
export function newTicketSearchJson(input: {
  title: string;
  description: string;
  fields: Record<string, unknown>;
}): string {
  const row: SearchRow = ticketSearchRow({
    title: input.title,
    fields: input.fields,
    texts: [input.description],
  });
  return JSON.stringify(row);
}

/** Writes whole search rows (replacing what is there): the backfill and `search reindex`. */
export async function replaceSearchRows(ex: Executor, rows: Array<{ ticketId: string } & SearchRow>) {
  if (!rows.length) return;
  await ex.execute(sql`
    insert into ticket_search (ticket_id, head, doc, ids)
    select x.id, array_to_tsvector(array(select jsonb_array_elements_text(x.head))),
           array_to_tsvector(array(select jsonb_array_elements_text(x.doc))),
           array(select jsonb_array_elements_text(x.ids))
    from jsonb_to_recordset(${JSON.stringify(
      rows.map((r) => ({ id: r.ticketId, head: r.head, doc: r.doc, ids: r.ids })),
    )}::jsonb) as x(id uuid, head jsonb, doc jsonb, ids jsonb)
    on conflict (ticket_id) do update set head = excluded.head, doc = excluded.doc, ids = excluded.ids,
      indexed_at = now()`);
}
