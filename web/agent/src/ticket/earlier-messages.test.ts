import { describe, expect, it } from 'vitest';
import type { Message, TicketDetail } from '../lib/types.ts';
import { addPage, gapBefore, joinThread } from './earlier-messages.ts';

const msg = (seq: number): Message =>
  ({
    id: `m${seq}`,
    seq,
    authorType: 'customer',
    authorName: null,
    visibility: 'public',
    body: `b${seq}`,
    createdAt: '',
    attachments: [],
  }) as unknown as Message;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => msg(from + i));
const detail = (messages: Message[], earlierMessages: number) =>
  ({ messages, earlierMessages }) as TicketDetail;

describe('a long thread in the workspace', () => {
  it('joins pages and the newest window once each, in order', () => {
    expect(joinThread(range(5, 8), range(7, 10)).map((m) => m.seq)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('keeps the count of older messages from the oldest page', () => {
    const first = addPage(null, { messages: range(101, 200), earlierMessages: 100 });
    expect(first.remaining).toBe(100);
    const second = addPage(first, { messages: range(1, 100), earlierMessages: 0 });
    expect(second.remaining).toBe(0);
    expect(second.messages).toHaveLength(200);
    // A page that fills a gap nearer the window does not change how many are older still.
    const filled = addPage(first, { messages: range(201, 210), earlierMessages: 200 });
    expect(filled.remaining).toBe(100);
  });

  it('sees the messages a moving window left behind', () => {
    // Window 301–400 opened (300 earlier), then 201–300 read: nothing is missing.
    const older = addPage(null, { messages: range(201, 300), earlierMessages: 200 });
    expect(gapBefore(detail(range(301, 400), 300), older)).toBe(0);
    // Ten new messages move the window to 311–410: 301–310 are in neither list.
    expect(gapBefore(detail(range(311, 410), 310), older)).toBe(10);
    const refilled = addPage(older, { messages: range(211, 310), earlierMessages: 210 });
    expect(gapBefore(detail(range(311, 410), 310), refilled)).toBe(0);
    expect(joinThread(refilled.messages, range(311, 410))).toHaveLength(210);
  });
});
