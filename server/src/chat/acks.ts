/** The small shapes a chat write hands back. */

export interface SendInput {
  ticketId: string;
  clientId: string;
  body: string;
  attachmentIds: string[];
}

export interface Ack {
  ticketId: string;
  clientId: string;
  seq: number;
  serverTime: string;
  duplicate: boolean;
  /** A secret was hidden from the message: the customer is told at once. */
  safetyNotice?: { message: string; advice: string[] };
}

export function toAck(
  input: { ticketId: string; clientId: string },
  added: {
    seq: number;
    createdAt: Date;
    duplicate: boolean;
    safetyNotice?: { message: string; advice: string[] } | null;
  },
): Ack {
  return {
    ...(added.safetyNotice
      ? { safetyNotice: { message: added.safetyNotice.message, advice: added.safetyNotice.advice } }
      : {}),
    ticketId: input.ticketId,
    clientId: input.clientId,
    seq: added.seq,
    serverTime: added.createdAt.toISOString(),
    duplicate: added.duplicate,
  };
}
