import { and, desc, eq, gt } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { customers } from '../customers/schema.ts';
import type { Db, Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import { normaliseLanguage } from '../platform/i18n.ts';
import { messages } from '../tickets/schema.ts';
import { detectAbuse } from './abuse.ts';
import { type Finding, maskText } from './findings.ts';
import { type SafetyNotice, safetyNotice } from './notice.ts';
import { assertMayWrite } from './restrictions.ts';
import { scanText } from './scan.ts';
import { safetyFindings } from './schema.ts';

/**
 * The one gate customer and staff text passes before it is stored (and so before it is logged,
 * indexed or shown): secrets are masked, the customer is told, an agent asking for a secret is
 * stopped. The tickets code calls `screenIncomingText` once per write and `record` inside its
 * transaction, when the ids exist.
 */

/** A phrase sent in two parts is joined only when the parts follow each other closely. */
export const SPLIT_WINDOW_MS = 15 * 60_000;

export interface ScreenInput {
  actorType: 'customer' | 'agent' | 'integration' | 'system';
  actorId: string | null;
  /** The ticket the text goes to; null when it is being created. */
  ticketId: string | null;
  visibility: 'public' | 'internal';
  title?: string;
  body: string;
  /** A ticket form's answers: free-text answers are screened like the body. */
  fields?: Record<string, unknown>;
  /**
   * The caller refuses a muted or blocked customer itself, in the statement that stores the text
   * (a new ticket: `mayWriteCondition` in tickets/create-ticket.ts), saving a round trip.
   */
  restrictionCheckedByCaller?: boolean;
}

export interface Screened {
  title: string | undefined;
  body: string;
  fields: Record<string, unknown> | undefined;
  /** For the customer, at once: what was hidden and what to do now. Null when nothing was. */
  notice: SafetyNotice | null;
  /** Stores the findings (kind and position) once the rows exist. */
  record(tx: Executor, ids: { ticketId: string; messageId: string | null }): Promise<void>;
  /**
   * The findings as rows, for a caller that stores them in its own statement. Only for a new
   * ticket: a reply may also have to mask the end of the previous message, which `record` does.
   */
  findingRows(ids: { ticketId: string; messageId: string | null }): FindingRow[];
}

export type FindingRow = ReturnType<typeof row>;

export async function screenIncomingText(db: Db, input: ScreenInput): Promise<Screened> {
  return input.actorType === 'customer' ? screenCustomerText(db, input) : screenStaffText(db, input);
}

/** A customer's text: may they write at all; secrets masked (also across two messages); insults flagged. */
export async function screenCustomerText(db: Db, input: ScreenInput): Promise<Screened> {
  const customerId = input.actorId;
  if (!customerId) throw new Error('a customer message needs its author');
  if (!input.restrictionCheckedByCaller) await assertMayWrite(db, customerId);
  const previous = input.ticketId ? await previousMessage(db, input.ticketId, input.actorId) : null;
  return screenCustomerTextAfter(db, input, previous);
}

/**
 * The screen once the customer may write and their previous message (same ticket, same author,
 * within the split window; see `previousMessage`) is known: the live chat reads both for many
 * messages in one query, then screens each here.
 */
export async function screenCustomerTextAfter(
  db: Db,
  input: ScreenInput,
  previous: { id: string; body: string } | null,
): Promise<Screened> {
  const customerId = input.actorId;
  if (!customerId) throw new Error('a customer message needs its author');
  const title = input.title === undefined ? null : scanText(input.title, { from: 'customer' });
  const body = scanText(input.body, { from: 'customer', previous: previous?.body ?? null });
  const fields = screenFields(input.fields);
  const kinds = [...(title?.findings ?? []), ...body.findings, ...fields.findings.map((f) => f.finding)].map(
    (f) => f.kind,
  );
  const language = kinds.length > 0 ? await customerLanguage(db, customerId) : 'zh-CN';
  const findingRows = (ids: { ticketId: string; messageId: string | null }) => [
    ...fields.findings.map((f) => row(ids.ticketId, null, `fields.${f.key}`, f.finding)),
    ...(title?.findings ?? []).map((f) => row(ids.ticketId, null, 'title', f)),
    ...detectAbuse(input.title ?? '').map((f) => row(ids.ticketId, null, 'title', f)),
    ...body.findings.map((f) => row(ids.ticketId, ids.messageId, 'body', f)),
    ...detectAbuse(body.masked).map((f) => row(ids.ticketId, ids.messageId, 'body', f)),
  ];
  return {
    title: title?.masked ?? input.title,
    body: body.masked,
    fields: fields.masked,
    notice: kinds.length > 0 ? safetyNotice(kinds, language) : null,
    findingRows,
    async record(tx, ids) {
      const rows = findingRows(ids);
      if (previous && body.previousFindings.length > 0) {
        // The first half of a split phrase was stored before we could know: hide it now.
        await tx
          .update(messages)
          .set({ body: maskText(previous.body, body.previousFindings) })
          .where(eq(messages.id, previous.id));
        rows.push(...body.previousFindings.map((f) => row(ids.ticketId, previous.id, 'body', f)));
      }
      if (rows.length > 0) await tx.insert(safetyFindings).values(rows);
    },
  };
}

/**
 * An agent's or an integration's text: a public message asking for a secret is refused (and the
 * attempt audited for supervisors); a secret pasted by staff is masked like a customer's.
 */
export async function screenStaffText(db: Db, input: ScreenInput): Promise<Screened> {
  const isPublic = input.visibility === 'public';
  const body = scanText(input.body, { from: isPublic ? 'agent' : 'customer' });
  const requests = body.findings.filter((f) => f.kind === 'secret_request');
  if (requests.length > 0) {
    await audit(db, {
      actorType:
        input.actorType === 'integration' ? 'integration' : input.actorType === 'agent' ? 'agent' : 'system',
      actorId: input.actorId,
      action: 'safety.secret_request_blocked',
      targetType: 'ticket',
      ...(input.ticketId ? { targetId: input.ticketId } : {}),
      data: {
        findings: requests.map(({ kind, start, end }) => ({ kind, start, end })),
        length: input.body.length,
      },
    });
    throw new AppError('secret_request_blocked', { kinds: 'secret_request' });
  }
  const title = input.title === undefined ? null : scanText(input.title, { from: 'customer' });
  const fields = screenFields(input.fields);
  const findingRows = (ids: { ticketId: string; messageId: string | null }) => [
    ...fields.findings.map((f) => row(ids.ticketId, null, `fields.${f.key}`, f.finding)),
    ...(title?.findings ?? []).map((f) => row(ids.ticketId, null, 'title', f)),
    ...body.findings.map((f) => row(ids.ticketId, ids.messageId, 'body', f)),
  ];
  return {
    title: title?.masked ?? input.title,
    body: body.masked,
    fields: fields.masked,
    notice: null,
    findingRows,
    async record(tx, ids) {
      const rows = findingRows(ids);
      if (rows.length > 0) await tx.insert(safetyFindings).values(rows);
    },
  };
}

function row(
  ticketId: string,
  messageId: string | null,
  field: string,
  f: Finding | { kind: 'abuse'; start: number; end: number },
) {
  return { ticketId, messageId, field, kind: f.kind, start: f.start, end: f.end };
}

/** Masks secrets inside a form's free-text answers (numbers and choices pass as they are). */
function screenFields(fields: Record<string, unknown> | undefined) {
  if (!fields) return { masked: undefined, findings: [] as Array<{ key: string; finding: Finding }> };
  const masked: Record<string, unknown> = {};
  const findings: Array<{ key: string; finding: Finding }> = [];
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'string') {
      masked[key] = value;
      continue;
    }
    const scanned = scanText(value, { from: 'customer' });
    masked[key] = scanned.masked;
    for (const finding of scanned.findings) findings.push({ key, finding });
  }
  return { masked, findings };
}

async function previousMessage(db: Db, ticketId: string, authorId: string | null) {
  if (!authorId) return null;
  const [last] = await db
    .select({ id: messages.id, body: messages.body, authorId: messages.authorId })
    .from(messages)
    .where(
      and(eq(messages.ticketId, ticketId), gt(messages.createdAt, new Date(Date.now() - SPLIT_WINDOW_MS))),
    )
    .orderBy(desc(messages.seq))
    .limit(1);
  // Only the message just before, and only if the same person wrote it.
  return last && last.authorId === authorId ? last : null;
}

async function customerLanguage(db: Db, customerId: string) {
  const [c] = await db
    .select({ language: customers.language })
    .from(customers)
    .where(eq(customers.id, customerId));
  return normaliseLanguage(c?.language) ?? 'zh-CN';
}
