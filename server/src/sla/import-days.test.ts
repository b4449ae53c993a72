import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

it('imports a year’s holidays and 调休 days at once; admins only; a bad date refuses the whole file', async () => {
  const admin = await desk.signIn('admin');
  const list = async () =>
    (await desk.app.inject({ url: '/api/v1/sla/calendars', headers: admin.read })).json().items as {
      id: string;
      days: { day: string; kind: string; note: string }[];
    }[];
  const calendar = (await list())[0]!;
  const url = `/api/v1/sla/calendars/${calendar.id}/days/import`;
  const days = [
    { day: '2027-02-06', kind: 'off', note: '春节' },
    { day: '2027-02-07', kind: 'off', note: '春节' },
    { day: '2027-02-14', kind: 'work', note: '春节调休' },
  ];
  const supervisor = await desk.signIn('supervisor');
  expect(
    (await desk.app.inject({ method: 'POST', url, headers: supervisor.write, payload: { days } })).statusCode,
  ).toBe(403);

  const bad = await desk.app.inject({
    method: 'POST',
    url,
    headers: { ...admin.write, 'accept-language': 'en' },
    payload: { days: [...days, { day: '2027-02-30', kind: 'off' }] },
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.message).toContain('2027-02-30 is not a date');
  expect((await list())[0]!.days.filter((d) => d.day.startsWith('2027-02'))).toEqual([]);

  const ok = await desk.app.inject({ method: 'POST', url, headers: admin.write, payload: { days } });
  expect(ok.json()).toEqual({ imported: 3 });
  // Importing again replaces, it does not add twice.
  await desk.app.inject({
    method: 'POST',
    url,
    headers: admin.write,
    payload: { days: [{ day: '2027-02-14', kind: 'work', note: '调休上班' }] },
  });
  const entered = (await list())[0]!.days.filter((d) => d.day.startsWith('2027-02'));
  expect(entered).toEqual([
    expect.objectContaining({ day: '2027-02-06', kind: 'off', note: '春节' }),
    expect.objectContaining({ day: '2027-02-07', kind: 'off' }),
    expect.objectContaining({ day: '2027-02-14', kind: 'work', note: '调休上班' }),
  ]);
});
