/**
 * Which channel suits me (哪种方式最适合你): a pure function from the customer's situation and the
 * desk's live facts to a recommended channel with a one-line reason, and the other channels in
 * order. The contact page shows its reason; the tests pin its rules.
 */
export type ContactChannel = 'chat' | 'ticket' | 'email' | 'hotline' | 'help' | 'social';

export interface Situation {
  /** The problem touches the account, funds or identity: never on a public channel. */
  touchesAccount: boolean;
  urgent: boolean;
  /** The problem needs evidence (screenshots, TXIDs, documents). */
  needsEvidence: boolean;
}

export interface LiveFacts {
  chat: {
    humanOnShift: boolean;
    queueLength: number;
    estimatedWaitSeconds: number | null;
    /** Outside the team's chat hours: the next opening (ISO); absent or null when not known. */
    opensAt?: string | null;
  };
  /** Expected first reply to a ticket, in hours, from the service levels or recent history. */
  ticketReplyHours: number | null;
  hotline: { exists: boolean; openNow: boolean };
  emailAvailable: boolean;
  socialAvailable: boolean;
}

export type ReasonCode =
  | 'urgent_chat_now'
  | 'urgent_chat_queue'
  | 'urgent_hotline_open'
  | 'urgent_hotline_no_human'
  | 'urgent_no_human_ticket'
  | 'evidence_ticket'
  | 'account_private_ticket'
  | 'simple_help_first'
  | 'chat_quick_question'
  | 'public_not_for_account'
  | 'no_human_on_shift'
  | 'chat_closed'
  | 'hotline_closed'
  | 'no_hotline'
  | 'available';

export interface ChannelOption {
  channel: ContactChannel;
  available: boolean;
  reason: ReasonCode;
}

export interface Recommendation {
  recommended: ContactChannel;
  reason: ReasonCode;
  options: ChannelOption[];
}

/** A wait longer than this is not "fast" any more: evidence-rich tickets beat a long queue. */
export const LONG_CHAT_WAIT_S = 20 * 60;

export function recommendChannel(s: Situation, live: LiveFacts): Recommendation {
  const chatFast = live.chat.humanOnShift && (live.chat.estimatedWaitSeconds ?? 0) <= LONG_CHAT_WAIT_S;
  let recommended: ContactChannel;
  let reason: ReasonCode;
  if (s.urgent) {
    if (chatFast) {
      recommended = 'chat';
      reason = live.chat.queueLength > 0 ? 'urgent_chat_queue' : 'urgent_chat_now';
    } else if (live.hotline.exists && live.hotline.openNow) {
      recommended = 'hotline';
      // Chat is "busy" only when someone is on shift and the queue is long; with nobody on shift
      // (or outside the chat hours) the reason says that, not that chat is busy.
      reason = live.chat.humanOnShift ? 'urgent_hotline_open' : 'urgent_hotline_no_human';
    } else {
      recommended = 'ticket';
      reason = 'urgent_no_human_ticket';
    }
  } else if (s.needsEvidence) {
    recommended = 'ticket';
    reason = 'evidence_ticket';
  } else if (s.touchesAccount) {
    recommended = chatFast ? 'chat' : 'ticket';
    reason = chatFast ? 'chat_quick_question' : 'account_private_ticket';
  } else {
    recommended = 'help';
    reason = 'simple_help_first';
  }

  const options: ChannelOption[] = [
    {
      channel: 'chat',
      available: true,
      reason: live.chat.humanOnShift ? 'available' : live.chat.opensAt ? 'chat_closed' : 'no_human_on_shift',
    },
    { channel: 'ticket', available: true, reason: 'available' },
    { channel: 'email', available: live.emailAvailable, reason: 'available' },
    {
      channel: 'hotline',
      available: live.hotline.exists && live.hotline.openNow,
      reason: !live.hotline.exists ? 'no_hotline' : live.hotline.openNow ? 'available' : 'hotline_closed',
    },
    { channel: 'help', available: true, reason: 'available' },
    {
      channel: 'social',
      available: live.socialAvailable && !s.touchesAccount,
      reason: s.touchesAccount ? 'public_not_for_account' : 'available',
    },
  ];
  const first = options.find((o) => o.channel === recommended)!;
  const rest = options
    .filter((o) => o.channel !== recommended)
    .sort((a, b) => Number(b.available) - Number(a.available));
  return { recommended, reason, options: [first, ...rest] };
}
