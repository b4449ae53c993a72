import { describe, expect, it } from 'vitest';
import { estimateWaits } from './estimate.ts';

/** A small deterministic random source, so the simulated peak is the same on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Chat {
  arrivedAt: number;
  estimate: number | null;
  startedAt: number | null;
}

/**
 * A market-move peak: customers arrive faster than the team can take them for half an hour, then
 * calm down. Agents hold several chats each, each chat takes 2–8 minutes. Every customer who has
 * to queue is shown the estimator's figure at that moment; their real wait is measured when an
 * agent takes them. Time runs in one-second steps.
 */
function simulatePeak(seed: number) {
  const rnd = random(seed);
  const agents = 8;
  const capacity = 3;
  const slots = agents * capacity;
  const busy: Array<{ startedAt: number; endsAt: number }> = [];
  const queue: Chat[] = [];
  const queued: Chat[] = [];
  const handles: number[] = [];
  for (let now = 0; now < 3 * 3600; now++) {
    // Chats that end free their slot; their handle time becomes "recent history".
    for (let i = busy.length - 1; i >= 0; i--) {
      if (busy[i]!.endsAt <= now) {
        handles.unshift(now - busy[i]!.startedAt);
        busy.splice(i, 1);
      }
    }
    handles.length = Math.min(handles.length, 50);
    while (busy.length < slots && queue.length > 0) {
      const chat = queue.shift()!;
      chat.startedAt = now;
      busy.push({ startedAt: now, endsAt: now + 120 + Math.floor(rnd() * 360) });
    }
    const rate = now < 1800 ? 0.14 : now < 3600 ? 0.05 : 0;
    if (rnd() < rate) {
      if (busy.length < slots && queue.length === 0) {
        busy.push({ startedAt: now, endsAt: now + 120 + Math.floor(rnd() * 360) });
      } else {
        const load = { slots, busyAges: busy.map((b) => now - b.startedAt), recentHandles: handles };
        const estimate = estimateWaits(load, queue.length + 1).at(-1) ?? null;
        const chat: Chat = { arrivedAt: now, estimate, startedAt: null };
        queue.push(chat);
        queued.push(chat);
      }
    }
  }
  return queued;
}

describe('wait estimate under a simulated peak', () => {
  it('shows most queued customers a wait within ±30 % of the real one', () => {
    const customers = simulatePeak(7).filter((c) => c.startedAt !== null);
    // A wait of a few seconds cannot be "30 % off" in a way anybody notices: judge those by 30 s.
    const close = customers.filter((c) => {
      const real = c.startedAt! - c.arrivedAt;
      return c.estimate !== null && Math.abs(c.estimate - real) <= Math.max(0.3 * real, 30);
    });
    const share = close.length / customers.length;
    const strict = customers.filter((c) => {
      const real = c.startedAt! - c.arrivedAt;
      return c.estimate !== null && Math.abs(c.estimate - real) <= 0.3 * real;
    }).length;
    const meanReal = customers.reduce((s, c) => s + (c.startedAt! - c.arrivedAt), 0) / customers.length;
    console.log(
      `chat wait estimate: ${close.length}/${customers.length} queued customers (${(share * 100).toFixed(1)} %) ` +
        `within ±30 % (or 30 s) of their real wait; ${strict} (${((strict / customers.length) * 100).toFixed(1)} %) ` +
        `within a strict ±30 %; mean real wait ${Math.round(meanReal)} s`,
    );
    expect(customers.length).toBeGreaterThan(100);
    expect(share).toBeGreaterThanOrEqual(0.75);
  });

  it('says it does not know when nobody is on shift, instead of inventing a figure', () => {
    expect(estimateWaits({ slots: 0, busyAges: [], recentHandles: [] }, 2)).toEqual([null, null]);
  });

  it('grows with the position and shrinks with more agents', () => {
    const load = { slots: 2, busyAges: [10, 20], recentHandles: [100, 100, 100, 100, 100] };
    const waits = estimateWaits(load, 4) as number[];
    expect(waits).toEqual([80, 90, 180, 190]);
    const more = estimateWaits({ ...load, slots: 4 }, 4) as number[];
    expect(more[3]).toBeLessThan(waits[3]!);
  });
});
