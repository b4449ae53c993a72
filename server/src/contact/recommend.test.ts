import { describe, expect, it } from 'vitest';
import { type LiveFacts, recommendChannel } from './recommend.ts';

const staffed: LiveFacts = {
  chat: { humanOnShift: true, queueLength: 0, estimatedWaitSeconds: 0 },
  ticketReplyHours: 24,
  hotline: { exists: true, openNow: true },
  emailAvailable: true,
  socialAvailable: true,
};

describe('which channel suits me', () => {
  it('sends an urgent matter to live chat while a human is on shift', () => {
    const r = recommendChannel({ urgent: true, touchesAccount: true, needsEvidence: false }, staffed);
    expect(r.recommended).toBe('chat');
    expect(r.reason).toBe('urgent_chat_now');
    expect(r.options[0]!.channel).toBe('chat');
  });

  it('changes its answer when the team goes off shift: the open hotline, else a ticket', () => {
    const offShift = {
      ...staffed,
      chat: { humanOnShift: false, queueLength: 0, estimatedWaitSeconds: null },
    };
    // Nobody on shift is said as such, never as "chat is busy" (#18).
    expect(
      recommendChannel({ urgent: true, touchesAccount: true, needsEvidence: false }, offShift),
    ).toMatchObject({ recommended: 'hotline', reason: 'urgent_hotline_no_human' });
    const longQueue = {
      ...staffed,
      chat: { humanOnShift: true, queueLength: 300, estimatedWaitSeconds: 45 * 60 },
    };
    expect(
      recommendChannel({ urgent: true, touchesAccount: true, needsEvidence: false }, longQueue),
    ).toMatchObject({ recommended: 'hotline', reason: 'urgent_hotline_open' });
    const noHotline = { ...offShift, hotline: { exists: false, openNow: false } };
    const r = recommendChannel({ urgent: true, touchesAccount: true, needsEvidence: false }, noHotline);
    expect(r.recommended).toBe('ticket');
    expect(r.reason).toBe('urgent_no_human_ticket');
    expect(r.options.find((o) => o.channel === 'hotline')).toMatchObject({
      available: false,
      reason: 'no_hotline',
    });
  });

  it('does not call a 45-minute queue fast', () => {
    const busy = {
      ...staffed,
      chat: { humanOnShift: true, queueLength: 300, estimatedWaitSeconds: 45 * 60 },
    };
    const closedHotline = { ...busy, hotline: { exists: true, openNow: false } };
    expect(
      recommendChannel({ urgent: true, touchesAccount: false, needsEvidence: false }, closedHotline)
        .recommended,
    ).toBe('ticket');
  });

  it('sends matters that need evidence to a ticket', () => {
    const r = recommendChannel({ urgent: false, touchesAccount: true, needsEvidence: true }, staffed);
    expect(r).toMatchObject({ recommended: 'ticket', reason: 'evidence_ticket' });
  });

  it('sends simple questions to the help center, and never account matters to public channels', () => {
    expect(
      recommendChannel({ urgent: false, touchesAccount: false, needsEvidence: false }, staffed).recommended,
    ).toBe('help');
    const r = recommendChannel({ urgent: false, touchesAccount: true, needsEvidence: false }, staffed);
    expect(r.options.find((o) => o.channel === 'social')).toMatchObject({
      available: false,
      reason: 'public_not_for_account',
    });
  });
});
