import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { attachments } from '../attachments/schema.ts';
import type { TestDesk } from '../testing/harness.ts';

/** A tiny valid PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * An agent's uploaded picture, stored the way the upload route stores one (the route itself is
 * exercised by the attachments tests), ready to attach to a reply.
 */
export async function storeAgentImage(desk: TestDesk, bytes: Buffer = PNG, fileName = 'pic.png') {
  const agent = await desk.signIn('lin');
  const pending = await desk.services.storage.receive(Readable.from([bytes]));
  const id = randomUUID();
  await pending.commit(`${id.slice(0, 2)}/${id}`);
  await desk.services.db.insert(attachments).values({
    id,
    storageKey: `${id.slice(0, 2)}/${id}`,
    fileName,
    contentType: 'image/png',
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    uploaderType: 'agent',
    uploaderId: agent.agentId,
  });
  return id;
}
