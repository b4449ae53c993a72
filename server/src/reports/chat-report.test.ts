import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatSessions } from '../chat/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { tickets } from '../tickets/schema.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 10, 2, minutes));

describe('the live-chat report', () => {
  it('counts bot-resolved, handed-off and abandoned chats and the queue waits, as computed by hand', async () => {
    const { db } = desk.services;
    const rows = await db.select({ id: tickets.id, customerId: tickets.customerId }).from(tickets).limit(4);
    const [a, b, c, d] = rows;
    await db.insert(chatSessions).values([
      // The bot answered; the customer left satisfied.
      { ticketId: a!.id, customerId: a!.customerId, state: 'ended', createdAt: at(0), endedAt: at(3) },
      // Queued 2 minutes, then taken.
      {
        ticketId: b!.id,
        customerId: b!.customerId,
        state: 'ended',
        createdAt: at(0),
        queuedAt: at(1),
        assignedAt: at(3),
        endedAt: at(9),
      },
      // Queued 6 minutes, then taken.
      {
        ticketId: c!.id,
        customerId: c!.customerId,
        state: 'assigned',
        createdAt: at(0),
        queuedAt: at(2),
        assignedAt: at(8),
      },
      // Gave up in the queue.
      {
        ticketId: d!.id,
        customerId: d!.customerId,
        state: 'ended',
        createdAt: at(0),
        queuedAt: at(4),
        endedAt: at(14),
      },
    ]);
    const supervisor = await desk.signIn('supervisor');
    const res = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/reports/chat?groupBy=total&from=2026-11-10T00:00:00Z&to=2026-11-11T00:00:00Z',
      headers: supervisor.read,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const total = (body.rows ?? body.items ?? body)[0];
    expect(total).toMatchObject({ chats: 4, botResolved: 1, handedOff: 3, abandoned: 1 });
    // Waits of 120 s and 360 s: median 240 s, p90 336 s (linear interpolation).
    expect(total.queueWait).toEqual({ count: 2, medianSeconds: 240, p90Seconds: 336 });

    const csv = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/reports/chat/export.csv?groupBy=total&from=2026-11-10T00:00:00Z&to=2026-11-11T00:00:00Z',
      headers: supervisor.read,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('queue_wait_median_seconds');
  });
});
