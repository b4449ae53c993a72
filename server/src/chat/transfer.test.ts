import { Transformer } from '@napi-rs/image';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame, TimelineItem } from '../../../shared/chat-protocol.ts';
import { categories, teams } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { connectChat } from './test-client.ts';

let desk: TestDesk;
let wsUrl: string;
let base: string;

beforeAll(async () => {
  desk = await createTestDesk({ PUBLIC_URL: 'http://desk.test' });
  base = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${base.replace('http', 'ws')}/api/v1/chat/ws`;
});
afterAll(async () => {
  await desk?.close();
});

type Msg = Extract<TimelineItem, { kind: 'message' }>;
const isMsg = (f: ServerFrame, match: (m: Msg) => boolean) =>
  f.type === 'item' && f.item.kind === 'message' && match(f.item);

describe('transfers, supervisor assignment and images', () => {
  it('moves a chat to another team with its history, tells the customer, and shows images with a thumbnail', async () => {
    const db = desk.services.db;
    const [account] = await db.select().from(categories).where(eq(categories.code, 'account'));
    const [general] = await db.select().from(teams).where(eq(teams.code, 'general'));
    const chenAuth = await desk.signIn('chen');
    const mayaAuth = await desk.signIn('maya');
    const chen = await connectChat(wsUrl, { headers: chenAuth.read });
    const maya = await connectChat(wsUrl, { headers: mayaAuth.read });
    chen.send({ type: 'presence', status: 'online' });
    maya.send({ type: 'presence', status: 'online' });
    await maya.waitFor((f) => f.type === 'presence' && f.agentId === mayaAuth.agentId);
    await maya.waitFor((f) => f.type === 'presence' && f.agentId === chenAuth.agentId);

    const session = await desk.customer('transfer-1');
    const customer = await connectChat(wsUrl, { token: session.headers.authorization.slice(7) });
    customer.send({ type: 'start', categoryId: account!.id, lang: 'zh-CN' });
    const { ticketId } = (await customer.waitFor((f) => f.type === 'chat')) as { ticketId: string };

    // An image: uploaded through the attachments API, then referenced in the chat message.
    const png = await Transformer.fromRgbaPixels(new Uint8Array(800 * 600 * 4).fill(200), 800, 600).png();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'screen.png');
    const up = await fetch(`${base}/api/v1/attachments`, {
      method: 'POST',
      headers: session.headers,
      body: form,
    });
    expect(up.status, await up.clone().text()).toBe(201);
    const { id: attachmentId } = (await up.json()) as { id: string };
    customer.send({ type: 'send', ticketId, clientId: 'img-1', body: '截图', attachmentIds: [attachmentId] });
    const sent = await customer.waitFor((f) => isMsg(f, (m) => m.clientId === 'img-1'));
    const image = (sent as { item: Msg }).item.attachments[0]!;
    expect(image.thumbnailUrl).toBe(`/api/v1/chat/thumbnails/${attachmentId}`);
    const thumb = await fetch(`${base}${image.thumbnailUrl}`, { headers: session.headers });
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const meta = await new Transformer(new Uint8Array(await thumb.arrayBuffer())).metadata();
    expect(meta.width).toBe(320);
    const stranger = await desk.customer('transfer-2');
    expect((await fetch(`${base}${image.thumbnailUrl}`, { headers: stranger.headers })).status).toBe(404);

    customer.send({ type: 'send', ticketId, clientId: 'h-1', body: '转人工' });
    await chen.waitFor((f) => f.type === 'assigned' && f.ticketId === ticketId);
    chen.send({ type: 'send', ticketId, clientId: 'n-1', body: 'needs the general team', internal: true });
    await chen.waitFor((f) => f.type === 'ack' && f.clientId === 'n-1');

    chen.send({ type: 'transfer', ticketId, toTeamId: general!.id });
    await maya.waitFor((f) => f.type === 'assigned' && f.ticketId === ticketId);
    await chen.waitFor((f) => f.type === 'unassigned' && f.ticketId === ticketId);
    // Maya gets the whole history, the internal note included.
    await maya.waitFor((f) => isMsg(f, (m) => m.clientId === 'n-1'));
    await maya.waitFor((f) => isMsg(f, (m) => m.clientId === 'img-1' && m.attachments.length === 1));
    // The customer is told, and never sees the note.
    await customer.waitFor((f) => isMsg(f, (m) => m.authorType === 'system' && m.body.includes('转接')));
    await customer.waitFor((f) => f.type === 'chat' && f.agent?.id === mayaAuth.agentId);
    expect(customer.frames.some((f) => isMsg(f, (m) => m.internal))).toBe(false);

    // Only a supervisor may assign; they may give it back to Chen.
    maya.send({ type: 'assign', ticketId, agentId: chenAuth.agentId });
    await maya.waitFor((f) => f.type === 'error' && f.code === 'forbidden');
    const supAuth = await desk.signIn('supervisor');
    const sup = await connectChat(wsUrl, { headers: supAuth.read });
    sup.send({ type: 'assign', ticketId, agentId: chenAuth.agentId });
    await chen.waitFor(
      (f) =>
        f.type === 'assigned' &&
        f.ticketId === ticketId &&
        chen.frames.filter((x) => x.type === 'assigned').length === 2,
    );
    await Promise.all([chen.close(), maya.close(), sup.close(), customer.close()]);
  });

  it('lets an agent accept a queued chat, exactly once', async () => {
    const db = desk.services.db;
    const [trading] = await db.select().from(categories).where(eq(categories.code, 'trading'));
    const mayaAuth = await desk.signIn('maya');
    const omarAuth = await desk.signIn('omar');
    await db.update(agents).set({ chatCapacity: 0 }).where(eq(agents.id, mayaAuth.agentId));
    const maya = await connectChat(wsUrl, { headers: mayaAuth.read });
    const omar = await connectChat(wsUrl, { headers: omarAuth.read });
    maya.send({ type: 'presence', status: 'online' }); // on shift, but full: the chat has to wait
    omar.send({ type: 'presence', status: 'away' }); // away: routing gives him nothing
    await omar.waitFor((f) => f.type === 'presence' && f.agentId === mayaAuth.agentId);
    const session = await desk.customer('accept-1');
    const customer = await connectChat(wsUrl, { token: session.headers.authorization.slice(7) });
    customer.send({ type: 'start', categoryId: trading!.id, lang: 'en' });
    const { ticketId } = (await customer.waitFor((f) => f.type === 'chat')) as { ticketId: string };
    customer.send({ type: 'handoff', ticketId });
    await customer.waitFor((f) => f.type === 'queue' && f.ticketId === ticketId);

    omar.send({ type: 'accept', ticketId });
    await omar.waitFor((f) => f.type === 'assigned' && f.ticketId === ticketId);
    await customer.waitFor((f) => f.type === 'chat' && f.agent?.id === omarAuth.agentId);
    maya.send({ type: 'accept', ticketId });
    await maya.waitFor((f) => f.type === 'error' && f.code === 'chat_not_queued');
    await Promise.all([maya.close(), omar.close(), customer.close()]);
  });
});
