import type { AgentAuth, CustomerAuth, TestDesk } from './harness.ts';

/**
 * A customer's ticket whose thread reads "message 1" … "message <total>": the customer opens it,
 * Lin answers the rest through the API, every `noteEvery`-th as an internal note (never, when 0).
 */
export async function openLongThread(
  desk: TestDesk,
  options: { uid: string; total: number; noteEvery?: number },
): Promise<{ ticket: { id: string; number: string }; customer: CustomerAuth; lin: AgentAuth }> {
  const customer = await desk.customer(options.uid, { name: 'Long Thread' });
  const created = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: 'A long conversation', description: 'message 1' },
  });
  if (created.statusCode !== 201) throw new Error(`ticket not opened: ${created.statusCode} ${created.body}`);
  const ticket = created.json() as { id: string; number: string };
  const lin = await desk.signIn('lin');
  const every = options.noteEvery ?? 0;
  for (let n = 2; n <= options.total; n++) {
    const note = every > 0 && n % every === 0;
    const res = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: lin.write,
      payload: { body: `message ${n}`, visibility: note ? 'internal' : 'public' },
    });
    if (res.statusCode !== 201) throw new Error(`message ${n} not added: ${res.statusCode} ${res.body}`);
  }
  return { ticket, customer, lin };
}
