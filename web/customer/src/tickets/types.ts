export interface TicketSummary {
  id: string;
  number: string;
  title: string;
  status: 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
  lastActivityAt: string;
  category: { nameZh: string; nameEn: string } | null;
}

export interface TicketDetail extends TicketSummary {
  description: string;
  fields: Record<string, string | number>;
  expectedReply: { by: string | null; waitingOnYou: boolean; overdue: boolean } | null;
  /** Set when this ticket was merged into another: the page opens that one instead. */
  mergedInto?: { id: string; number: string } | null;
  messages: Array<{
    id: string;
    authorType: string;
    body: string;
    createdAt: string;
    attachments: Array<{ id: string; fileName: string; url: string }>;
  }>;
}
