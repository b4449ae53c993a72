import { sql } from 'drizzle-orm';
import type { ChatLanguage, ChatState } from '../../../shared/chat-protocol.ts';
import { asError, groupCommit } from '../db/group-commit.ts';
import { AppError } from '../platform/errors.ts';
import { assertRestrictionAllows } from '../safety/restrictions.ts';
import { customerRestrictions } from '../safety/schema.ts';
import { type Screened, SPLIT_WINDOW_MS, screenCustomerTextAfter } from '../safety/screen.ts';
import { addCustomerMessages, type ScreenedCustomerMessage } from '../tickets/add-customer-messages.ts';
import { type AddedMessage, addMessage } from '../tickets/add-message.ts';
import { messages } from '../tickets/schema.ts';
import type { SendInput } from './acks.ts';
import { chatSessions } from './schema.ts';
import type { ChatDeps } from './service.ts';

export interface CustomerText extends SendInput {
  customerId: string;
}

/** The chat as it was when the message came in (the bot answers only in state 'bot'). */
export interface ChatBefore {
  ticketId: string;
  state: ChatState;
  lang: ChatLanguage;
  botAnswers: number;
}

export interface Stored {
  chat: ChatBefore;
  added: AddedMessage;
}

/** Batches grow with the load; a few run at once so one slow commit does not stall the node. */
const MAX_BATCH = 200;
const MAX_IN_FLIGHT = 4;

interface Context {
  chat_customer: string | null;
  state: ChatState | null;
  lang: ChatLanguage | null;
  bot_answers: number | null;
  restriction: string | null;
  restricted_until: Date | string | null;
  previous_id: string | null;
  previous_body: string | null;
  previous_author: string | null;
  stored: boolean;
}

/**
 * Customers' text messages on this node, stored in groups (tickets/add-customer-messages.ts).
 * Per message, the same checks in the same order as one at a time: the chat is theirs and not
 * ended, the civility pace (not for a resend of a stored message), may they write at all, the
 * secret screen. What those checks read from the database — the chat row, the restriction, the
 * previous message (for a secret split in two), whether the client id is stored — is read for the
 * whole group in one query. A message the group cannot take (a resend, a closed ticket) is stored
 * alone through `addMessage`, which answers it exactly as before.
 */
export function createChatSender(deps: ChatDeps) {
  const { db, jobs, logger } = deps;

  async function readContexts(batch: CustomerText[]): Promise<Context[]> {
    const input = JSON.stringify(
      batch.map((m, n) => ({ n, ticket_id: m.ticketId, customer_id: m.customerId, client_id: m.clientId })),
    );
    const since = new Date(Date.now() - SPLIT_WINDOW_MS).toISOString();
    const result = await db.execute(sql`
      select i.n, cs.customer_id as chat_customer, cs.state, cs.lang, cs.bot_answers,
        r.kind as restriction, r.until as restricted_until,
        p.id as previous_id, p.body as previous_body, p.author_id as previous_author,
        exists(select 1 from ${messages} s where s.ticket_id = i.ticket_id and s.client_id = i.client_id)
          as stored
      from jsonb_to_recordset(${input}::jsonb) as i(n int, ticket_id uuid, customer_id uuid, client_id text)
      left join ${chatSessions} cs on cs.ticket_id = i.ticket_id
      left join ${customerRestrictions} r on r.customer_id = i.customer_id
      left join lateral (
        select m.id, m.body, m.author_id from ${messages} m
        where m.ticket_id = i.ticket_id and m.created_at > ${since}::timestamptz
        order by m.seq desc limit 1
      ) p on true
      order by i.n`);
    return (result as unknown as { rows: Context[] }).rows;
  }

  async function alone(m: CustomerText): Promise<AddedMessage> {
    return addMessage(db, jobs, {
      ticketId: m.ticketId,
      authorType: 'customer',
      authorId: m.customerId,
      visibility: 'public',
      body: m.body,
      clientId: m.clientId,
      attachmentIds: [],
      uploader: { uploaderType: 'customer', uploaderId: m.customerId },
    });
  }

  async function run(batch: CustomerText[]): Promise<Array<Stored | Error>> {
    const contexts = await readContexts(batch);
    const results: Array<Stored | Error> = new Array(batch.length);
    const chats: ChatBefore[] = [];
    // Per message: checked and screened for the group, stored alone, or refused.
    const plans = await Promise.all(
      batch.map(async (m, k): Promise<{ screened: Screened } | 'alone' | Error> => {
        const c = contexts[k]!;
        try {
          if (!c.chat_customer || c.chat_customer !== m.customerId) throw new AppError('chat_not_found');
          chats[k] = { ticketId: m.ticketId, state: c.state!, lang: c.lang!, botAnswers: c.bot_answers ?? 0 };
          if (c.state === 'ended') throw new AppError('chat_ended');
          // A resend of a stored message is not a new message: never limited, answered alone.
          if (c.stored) return 'alone';
          await deps.checkCustomerPace?.(m.customerId, m.body);
          assertRestrictionAllows(
            c.restriction
              ? {
                  kind: c.restriction,
                  until: c.restricted_until === null ? null : new Date(c.restricted_until),
                }
              : null,
          );
          const previous =
            c.previous_id && c.previous_author === m.customerId
              ? { id: c.previous_id, body: c.previous_body ?? '' }
              : null;
          const screened = await screenCustomerTextAfter(
            db,
            {
              actorType: 'customer',
              actorId: m.customerId,
              ticketId: m.ticketId,
              visibility: 'public',
              body: m.body,
            },
            previous,
          );
          return { screened };
        } catch (err) {
          return asError(err);
        }
      }),
    );
    const grouped: ScreenedCustomerMessage[] = [];
    const groupedAt: number[] = [];
    plans.forEach((plan, k) => {
      if (plan instanceof Error) results[k] = plan;
      else if (plan !== 'alone') {
        const m = batch[k]!;
        grouped.push({
          ticketId: m.ticketId,
          customerId: m.customerId,
          clientId: m.clientId,
          screened: plan.screened,
        });
        groupedAt.push(k);
      }
    });
    const written = await addCustomerMessages(db, jobs, grouped, (err) =>
      logger.warn({ err, messages: grouped.length }, 'chat group commit failed; storing one by one'),
    );
    written.forEach((added, j) => {
      const k = groupedAt[j]!;
      if (added) results[k] = { chat: chats[k]!, added };
    });
    // The rest one at a time (different tickets, so side by side).
    await Promise.all(
      batch.map(async (m, k) => {
        if (results[k] !== undefined) return;
        try {
          results[k] = { chat: chats[k]!, added: await alone(m) };
        } catch (err) {
          results[k] = asError(err);
        }
      }),
    );
    return results;
  }

  const commit = groupCommit<CustomerText, Stored>({
    keyOf: (m) => m.ticketId,
    run,
    maxBatch: MAX_BATCH,
    maxInFlight: MAX_IN_FLIGHT,
  });
  return { send: (m: CustomerText) => commit.submit(m) };
}
