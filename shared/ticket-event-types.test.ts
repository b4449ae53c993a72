import { describe, expect, it } from 'vitest';
import { automationsEn } from '../web/agent/src/lib/messages-automations-en.ts';
import { automationsZh } from '../web/agent/src/lib/messages-automations-zh.ts';
import { TICKET_EVENT_TYPES } from './ticket-event-types.ts';

describe('ticket event names', () => {
  it('each has a label in both languages of the workspace, and no label names an event that is gone', () => {
    for (const messages of [automationsEn, automationsZh]) {
      const labelled = Object.keys(messages)
        .filter((k) => k.startsWith('trg.ev.'))
        .map((k) => k.slice('trg.ev.'.length))
        .sort();
      expect(labelled).toEqual([...TICKET_EVENT_TYPES].sort());
    }
  });
});
