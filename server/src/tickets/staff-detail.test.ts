import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';

// GET /tickets/:id reads the detail, the customer and the mail at once and, for an id, without
// looking it up first: the same answer by id and by number, and 404 for an id that is no ticket.
let desk: TestDesk;
let lin: AgentAuth;
let created: { id: string; number: string };
beforeAll(async () => {
  desk = await createTestDesk();
  lin = await desk.signIn('lin');
  const token = await desk.apiToken(['tickets:write', 'customers:write']);
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: token,
    payload: {
      title: 'Withdrawal stuck',
      description: 'My withdrawal has been pending for two days',
      customer: { uid: 'UID-DETAIL-5', email: 'detail.person@example.org', name: 'Detail Person' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  created = res.json();
});
afterAll(async () => {
  await desk?.close();
});

const open = (ref: string) =>
  desk.app.inject({
    method: 'GET',
    url: `/api/v1/tickets/${ref}`,
    headers: { ...lin.read, 'accept-language': 'en' },
  });

describe('an agent opens a ticket', () => {
  it('by id and by number: the same ticket, its whole customer and its mail', async () => {
    const byId = await open(created.id);
    expect(byId.statusCode, byId.body).toBe(200);
    const body = byId.json();
    expect(body).toMatchObject({
      id: created.id,
      number: created.number,
      title: 'Withdrawal stuck',
      email: [],
    });
    expect(body.customer).toMatchObject({
      uid: 'UID-DETAIL-5',
      email: 'detail.person@example.org',
      name: 'Detail Person',
    });
    expect(body.messages.length).toBeGreaterThan(0);
    const byNumber = await open(created.number);
    expect(byNumber.statusCode).toBe(200);
    expect(byNumber.json()).toEqual(body);
  });

  it('an id or a number that is no ticket: 404 ticket_not_found, alike', async () => {
    const byId = await open('00000000-0000-4000-8000-000000000000');
    const byNumber = await open('KF-999999');
    expect(byId.statusCode).toBe(404);
    expect(byNumber.statusCode).toBe(404);
    expect(byId.json().error?.code ?? byId.json().code).toBe('ticket_not_found');
    expect(byId.json()).toEqual(byNumber.json());
  });
});
