import { and, desc, eq, inArray } from 'drizzle-orm';
import type { ChecklistBlock } from '../../../shared/chat-protocol.ts';
import { attachments } from '../attachments/schema.ts';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { findCategory } from '../desk/category-cache.ts';
import { type CategoryForm, checkOneAnswer, fileIdsIn, validateFormAnswers } from '../desk/category-form.ts';
import { invalidFieldsError } from '../desk/field-problem-text.ts';
import { AppError } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import type { SafetyNotice } from '../safety/notice.ts';
import { screenIncomingText } from '../safety/screen.ts';
import { indexTicketText } from '../ticket-search/search-index.ts';
import { ticketEvents, tickets } from '../tickets/schema.ts';
import { insertEvent, nextSeq } from '../tickets/timeline.ts';

/**
 * The preparation checklist of a chat. A chat opens before any form is shown, so its checklist
 * arrives in up to two steps: the host app's facts when the chat starts (`by: 'app'`), and the
 * customer's confirmed form after the handoff (`by: 'customer'`). Either way the answers go where a
 * ticket's go (`tickets.fields`, checked by the category form's rules, screened for secrets first),
 * and a `checklist` event carries them, with which came from the app, into the timeline: the agent
 * sees it live as a block and the ticket's history keeps it.
 */
export interface SaveChecklistInput {
  ticketId: string;
  customerId: string;
  fields: Record<string, unknown>;
  by: ChecklistBlock['by'];
  /** The language of the refusal message. */
  lang: Language;
  /**
   * Puts the customer's files for the form's attachments fields into the conversation, as one
   * message of theirs whose text names the fields (the chat's way of carrying files, so the agent
   * sees them where they read). Throws when an id is not the customer's own unused upload.
   */
  sendFiles?: (ids: string[], body: string) => Promise<void>;
}

export async function saveChecklist(
  db: Db,
  input: SaveChecklistInput,
): Promise<{ seq: number; safetyNotice: SafetyNotice | null } | null> {
  const [ticket] = await db
    .select({ categoryId: tickets.categoryId, fields: tickets.fields, uid: customers.uid })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.id, input.ticketId));
  if (!ticket) throw new AppError('chat_not_found');
  const category = ticket.categoryId ? await findCategory(db, ticket.categoryId) : null;
  const form: CategoryForm = category?.form ?? { fields: [] };
  const fromApp = input.by === 'app';

  // The host app's facts are kept only where the form has them, and a bad one is left out rather
  // than keeping an anxious customer from the chat: the page asks for it again in the checklist.
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.fields)) {
    if (!fromApp || form.fields.some((f) => f.key === key)) given[key] = value;
  }
  // The UID comes from the signed identity, not from whatever the page says.
  const uidField = form.fields.find((f) => f.type === 'uid');
  if (fromApp && uidField && ticket.uid && given[uidField.key] === undefined)
    given[uidField.key] = ticket.uid;
  // Nothing the app knew (a visitor, a category without a form): no block, no write.
  if (fromApp && Object.keys(given).length === 0) return null;

  const screened = await screenIncomingText(db, {
    actorType: 'customer',
    actorId: input.customerId,
    ticketId: null,
    visibility: 'public',
    body: '',
    fields: given,
  });
  const answers = screened.fields ?? given;
  let values: ChecklistBlock['fields'];
  if (fromApp) {
    // Each fact by the form's own rule (a TXID for the network passed with it), none required yet.
    values = {};
    for (const key of Object.keys(answers)) {
      const value = checkOneAnswer(form, key, answers);
      if (value !== null) values[key] = value;
    }
    if (Object.keys(values).length === 0) return null;
  } else {
    const checked = validateFormAnswers(form, answers);
    if (!checked.ok) throw invalidFieldsError(form, checked.problems, input.lang);
    values = checked.values;
    await filesIntoConversation(db, form, values, input);
  }

  return db.transaction(async (tx) => {
    // The ticket's row lock (nextSeq takes it first) orders concurrent saves of one chat.
    const seq = await nextSeq(tx, input.ticketId);
    await tx.update(tickets).set({ fields: values }).where(eq(tickets.id, input.ticketId));
    await indexTicketText(tx, input.ticketId, { fields: values });
    // An answer is still "from the app" only while the customer left it as the app passed it.
    const [previous] = await tx
      .select({ to: ticketEvents.toValue })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, input.ticketId), eq(ticketEvents.kind, 'checklist')))
      .orderBy(desc(ticketEvents.seq))
      .limit(1);
    const before = (previous?.to ?? null) as ChecklistBlock | null;
    const prefilled = fromApp
      ? Object.keys(values)
      : (before?.prefilled ?? []).filter(
          (key) => values[key] !== undefined && values[key] === before?.fields[key],
        );
    const block: ChecklistBlock = { fields: values, prefilled, by: input.by };
    const actor = { actorType: 'customer' as const, actorId: input.customerId };
    await insertEvent(tx, input.ticketId, seq, actor, 'checklist', before, block);
    await screened.record(tx, { ticketId: input.ticketId, messageId: null });
    return { seq, safetyNotice: screened.notice };
  });
}

/**
 * The answer's files that are not in this chat yet go into it (a re-sent checklist keeps the files
 * it already sent); each must be the customer's own unused upload.
 * Another customer's upload, a used one or an invented id is refused on its field, in the same
 * words, so a guessed id tells nobody whether it exists.
 */
async function filesIntoConversation(
  db: Db,
  form: CategoryForm,
  values: ChecklistBlock['fields'],
  input: SaveChecklistInput,
): Promise<void> {
  const ids = fileIdsIn(form, values);
  if (ids.length === 0) return;
  // Files an earlier send of this checklist already put into the chat.
  const sent = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(
        inArray(attachments.id, ids),
        eq(attachments.ticketId, input.ticketId),
        eq(attachments.uploaderType, 'customer'),
        eq(attachments.uploaderId, input.customerId),
      ),
    );
  const before = new Set(sent.map((r) => r.id));
  const fresh = ids.filter((id) => !before.has(id));
  if (fresh.length === 0) return;
  const withFresh = form.fields.filter(
    (f) => f.type === 'attachments' && fileIdsIn({ fields: [f] }, values).some((id) => fresh.includes(id)),
  );
  const refuse = () =>
    invalidFieldsError(
      form,
      withFresh.map((f) => ({ key: f.key, problem: 'unknown_file' as const })),
      input.lang,
    );
  if (!input.sendFiles) throw refuse();
  const body = withFresh
    .map((f) => (input.lang === 'en' ? f.labelEn : f.labelZh))
    .join(input.lang === 'en' ? ', ' : '、');
  // The message's own linking takes the customer's unused uploads or none (attachments/link.ts).
  try {
    await input.sendFiles(fresh, body);
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed') throw refuse();
    throw err;
  }
}
