import { buffer } from 'node:stream/consumers';
import { Type } from '@fastify/type-provider-typebox';
import { Transformer } from '@napi-rs/image';
import { eq } from 'drizzle-orm';
import { imageSize } from 'image-size';
import { attachments } from '../attachments/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { messages, tickets } from '../tickets/schema.ts';

const THUMB_WIDTH = 320;
/** Larger originals are not decoded on request: the client shows the file link instead. */
const MAX_SOURCE_BYTES = 15 * 1024 * 1024;
/**
 * Nor are images of more pixels than a 24-megapixel camera's (6000×4000): a few KiB of PNG can
 * declare 8000×8000 and take seconds of a core to decode (issue #20.15). The size comes from the
 * header (image-size reads no pixel data); an image whose header cannot be read is not decoded.
 */
export const MAX_SOURCE_PIXELS = 24_000_000;

/** Whether an image may be decoded for a thumbnail, judged from its header alone. */
export function decodable(source: Uint8Array): boolean {
  try {
    const { width, height, images } = imageSize(source);
    const frames = images?.length ? images : [{ width, height }];
    return frames.every((f) => f.width > 0 && f.height > 0 && f.width * f.height <= MAX_SOURCE_PIXELS);
  } catch {
    return false;
  }
}

/**
 * A chat image's preview: 320 px wide WebP, made on request by @napi-rs/image (prebuilt N-API,
 * no system libraries). Visible to whoever may see the original, by the same rules as
 * GET /attachments/:id: staff always, a customer for their own uploads and their own tickets'
 * public messages; anything else answers 404 like a missing file.
 */
export function registerThumbnailRoute(app: App, { db, storage }: Services) {
  app.get(
    '/chat/thumbnails/:id',
    {
      schema: {
        tags: ['chat'],
        summary: 'A small WebP preview of an image attached in a chat',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      const p = request.principal;
      if (p.kind === 'anonymous') throw new AppError('unauthenticated');
      const [row] = await db
        .select({
          storageKey: attachments.storageKey,
          contentType: attachments.contentType,
          sizeBytes: attachments.sizeBytes,
          uploaderType: attachments.uploaderType,
          uploaderId: attachments.uploaderId,
          ticketCustomerId: tickets.customerId,
          visibility: messages.visibility,
        })
        .from(attachments)
        .leftJoin(tickets, eq(tickets.id, attachments.ticketId))
        .leftJoin(messages, eq(messages.id, attachments.messageId))
        .where(eq(attachments.id, request.params.id));
      if (!row?.contentType.startsWith('image/')) throw new AppError('attachment_not_found');
      if (p.kind === 'integration' && !p.scopes.includes('tickets:read') && !p.scopes.includes('admin')) {
        throw new AppError('insufficient_scope', { scope: 'tickets:read' });
      }
      if (p.kind === 'customer') {
        const ownUpload = row.uploaderType === 'customer' && row.uploaderId === p.customerId;
        const ownTicket = row.ticketCustomerId === p.customerId && row.visibility === 'public';
        if (!ownUpload && !ownTicket) throw new AppError('attachment_not_found');
      }
      if (row.sizeBytes > MAX_SOURCE_BYTES) throw new AppError('attachment_not_found');
      const source = await buffer(await storage.open(row.storageKey));
      if (!decodable(source)) throw new AppError('attachment_not_found');
      let thumb: Buffer;
      try {
        thumb = await new Transformer(source).resize(THUMB_WIDTH).webp(75);
      } catch {
        throw new AppError('attachment_not_found');
      }
      return reply
        .header('content-type', 'image/webp')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400')
        .send(thumb);
    },
  );
}
