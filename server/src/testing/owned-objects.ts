import type { AgentAuth, CustomerAuth, TestDesk } from './harness.ts';
import { eventually } from './harness.ts';
import { multipartFile, PNG_1X1 } from './multipart.ts';

/**
 * What a customer owns once they have written to support: an uploaded file, a ticket carrying it,
 * and the inbox notice an agent's reply leaves. Access tests prove each id real through its owner,
 * then try it as everyone else.
 */
export async function customerWithTicket(
  desk: TestDesk,
  owner: CustomerAuth,
  agent: AgentAuth,
  ticket: { title: string; description: string },
): Promise<{ fileId: string; ticketId: string; ticketNumber: string; inboxId: string }> {
  const inject = desk.app.inject.bind(desk.app);
  const upload = multipartFile('owned.png', PNG_1X1, 'image/png');
  const file = (
    await inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...owner.headers, ...upload.headers },
      payload: upload.payload,
    })
  ).json();
  const created = (
    await inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: owner.headers,
      payload: { ...ticket, attachmentIds: [file.id] },
    })
  ).json();
  await inject({
    method: 'POST',
    url: `/api/v1/tickets/${created.id}/messages`,
    headers: agent.write,
    payload: { body: 'we are on it' },
  });
  const inboxId = await eventually(async () => {
    const res = await inject({ method: 'GET', url: '/api/v1/me/inbox', headers: owner.headers });
    return (res.json().items as Array<{ id: string }>)[0]?.id;
  });
  return { fileId: file.id, ticketId: created.id, ticketNumber: created.number, inboxId };
}
