import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { messages, tickets } from '../tickets/schema.ts';
import { INLINE_TYPES } from './inspect.ts';
import { uploadedFile } from './multipart-part.ts';
import { storeAttachment } from './store.ts';

export { cleanFileName } from './names.ts';

import { attachments } from './schema.ts';

function uploaderOf(p: Principal) {
  switch (p.kind) {
    case 'agent':
      return { uploaderType: 'agent' as const, uploaderId: p.agentId };
    case 'integration':
      if (!p.scopes.includes('tickets:write') && !p.scopes.includes('admin')) {
        throw new AppError('insufficient_scope', { scope: 'tickets:write' });
      }
      return { uploaderType: 'integration' as const, uploaderId: p.tokenId };
    case 'customer':
      return { uploaderType: 'customer' as const, uploaderId: p.customerId };
    default:
      throw new AppError('unauthenticated');
  }
}

/** Uploads (streamed, checked by content) and downloads (only to those who may see the ticket). */
export function registerAttachmentRoutes(app: App, { db, storage, config }: Services) {
  app.post(
    '/attachments',
    {
      schema: {
        tags: ['attachments'],
        summary:
          'Upload one file (multipart/form-data, field "file"); link it by id when creating or replying',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const uploader = uploaderOf(request.principal);
      const part = await uploadedFile(request);
      const row = await storeAttachment(db, storage, {
        source: part.file,
        fileName: part.filename,
        uploader,
        limitBytes: config.maxUploadBytes,
        truncated: () => part.file.truncated,
      });
      return reply.status(201).send({
        id: row.id,
        fileName: row.fileName,
        contentType: row.contentType,
        sizeBytes: row.sizeBytes,
        url: `/api/v1/attachments/${row.id}`,
      });
    },
  );

  app.get(
    '/attachments/:id',
    {
      schema: {
        tags: ['attachments'],
        summary: 'Download a file you may see',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ download: Type.Optional(Type.Boolean()) }),
      },
    },
    async (request, reply) => {
      const row = await findVisibleAttachment(request, request.params.id);
      const inline = INLINE_TYPES.has(row.contentType) && !request.query.download;
      const stream = await storage.open(row.storageKey).catch(() => {
        throw new AppError('attachment_not_found');
      });
      return reply
        .header('content-type', row.contentType)
        .header('content-length', row.sizeBytes)
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename="${asciiFallback(row.fileName)}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-security-policy',
          "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        )
        .header('cross-origin-resource-policy', 'same-origin')
        .header('cache-control', 'private, max-age=300')
        .send(stream);
    },
  );

  /** Staff see every ticket's files; a customer their own tickets' and their own uploads. */
  async function findVisibleAttachment(request: FastifyRequest, id: string) {
    const p = request.principal;
    if (p.kind === 'anonymous') throw new AppError('unauthenticated');
    const [row] = await db
      .select({
        storageKey: attachments.storageKey,
        fileName: attachments.fileName,
        contentType: attachments.contentType,
        sizeBytes: attachments.sizeBytes,
        uploaderType: attachments.uploaderType,
        uploaderId: attachments.uploaderId,
        ticketCustomerId: tickets.customerId,
        messageId: attachments.messageId,
      })
      .from(attachments)
      .leftJoin(tickets, eq(tickets.id, attachments.ticketId))
      .where(eq(attachments.id, id));
    if (!row) throw new AppError('attachment_not_found');
    if (p.kind === 'integration' && !p.scopes.includes('tickets:read') && !p.scopes.includes('admin')) {
      throw new AppError('insufficient_scope', { scope: 'tickets:read' });
    }
    if (p.kind === 'customer') {
      const ownUpload = row.uploaderType === 'customer' && row.uploaderId === p.customerId;
      const ownTicket = row.ticketCustomerId === p.customerId && (await isPublicMessage(row.messageId));
      if (!ownUpload && !ownTicket) throw new AppError('attachment_not_found');
    }
    return row;
  }

  async function isPublicMessage(messageId: string | null): Promise<boolean> {
    if (!messageId) return false;
    const [m] = await db
      .select({ visibility: messages.visibility })
      .from(messages)
      .where(eq(messages.id, messageId));
    return m?.visibility === 'public';
  }
}

function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}
