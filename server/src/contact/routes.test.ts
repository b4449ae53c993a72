import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function categoryId(code: string): Promise<string> {
  const res = await desk.app.inject({ method: 'GET', url: '/api/v1/categories' });
  return (res.json() as { items: Array<{ id: string; code: string }> }).items.find((c) => c.code === code)!
    .id;
}

describe('contact: hotlines and which channel suits me', () => {
  it('says plainly that mainland China has no hotline, and lists Hong Kong’s', async () => {
    const cn = (await desk.app.inject({ method: 'GET', url: '/api/v1/contact/hotlines?region=CN' })).json();
    expect(cn).toMatchObject({ region: 'CN', none: true, lines: [] });
    expect(cn.regionsWithLines).toContain('HK');
    const hk = (await desk.app.inject({ method: 'GET', url: '/api/v1/contact/hotlines?region=hk' })).json();
    expect(hk.none).toBe(false);
    expect(hk.lines[0]).toMatchObject({ number: '+85230010001', telUrl: 'tel:+85230010001' });
    expect(typeof hk.lines[0].openNow).toBe('boolean');
  });

  it('recommends chat for an urgent funds problem only while someone of the team is online', async () => {
    const funds = await categoryId('deposit_withdrawal');
    const url = `/api/v1/contact/options?categoryId=${funds}&region=CN&urgent=true&touchesAccount=true`;
    const offShift = (await desk.app.inject({ method: 'GET', url })).json();
    expect(offShift.recommended).toBe('ticket');
    expect(offShift.reason).toBe('urgent_no_human_ticket');

    const { eq } = await import('drizzle-orm');
    const { agents } = await import('../identity/schema.ts');
    await desk.services.db
      .update(agents)
      .set({ status: 'online' })
      .where(eq(agents.email, 'lin@lumen-exchange.example'));
    const onShift = (await desk.app.inject({ method: 'GET', url })).json();
    expect(onShift.recommended).toBe('chat');
    expect(onShift.live.chat.humanOnShift).toBe(true);
  });

  it('lets only admins manage hotlines, and checks the hours', async () => {
    const agent = await desk.signIn('lin');
    const admin = await desk.signIn('admin');
    const line = {
      region: 'MY',
      number: '+60300000001',
      languages: ['ms', 'en'],
      timeZone: 'Asia/Kuala_Lumpur',
      hours: { slots: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }] },
    };
    const refused = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/hotlines',
      headers: agent.write,
      payload: line,
    });
    expect(refused.statusCode).toBe(403);
    const bad = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/hotlines',
      headers: admin.write,
      payload: { ...line, timeZone: 'Mars/Olympus' },
    });
    expect(bad.statusCode).toBe(400);
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/hotlines',
      headers: admin.write,
      payload: line,
    });
    expect(created.statusCode).toBe(201);
    const my = (await desk.app.inject({ method: 'GET', url: '/api/v1/contact/hotlines?region=MY' })).json();
    expect(my.lines).toHaveLength(1);
  });
});
