import type { Executor } from '../db/client.ts';
import { computeTicketSla } from './refresh.ts';

export interface ExpectedReply {
  /** When the customer can expect our answer; null while we wait on them. */
  by: string | null;
  /** We are waiting on the customer (pending / on hold): the clock is paused. */
  waitingOnYou: boolean;
  /** The promised time has passed: say so rather than show a time in the past. */
  overdue: boolean;
}

/**
 * What the customer is told about our next answer, from the same clocks as the agents' due times
 * (the acknowledgement mail will use it too). Null when no answer is owed right now.
 */
export async function expectedReply(
  db: Executor,
  ticketId: string,
  now = new Date(),
): Promise<ExpectedReply | null> {
  const { readings } = await computeTicketSla(db, ticketId, now);
  const clock = readings.find(
    (r) => (r.metric === 'first_response' || r.metric === 'next_response') && r.stoppedAt === null,
  );
  if (!clock) return null;
  return {
    by: clock.dueAt === null ? null : new Date(clock.dueAt).toISOString(),
    waitingOnYou: clock.state === 'paused',
    overdue: clock.state === 'breached',
  };
}
