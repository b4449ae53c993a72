import { createHash, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { messages, tickets } from '../tickets/schema.ts';
import { INLINE_TYPES, inspectFile } from './inspect.ts';
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

/** A file name safe to show and to put in a header: no paths, no control characters, bounded. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'"<>'.includes(ch))
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'file';
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
      if (!request.isMultipart()) throw new AppError('unsupported_media_type');
      const part = await request.file();
      if (!part) throw new AppError('validation_failed', { detail: 'file: missing' });
      // Hash on the way through. A plain 'data' listener on part.file switched it to flowing mode
      // before storage.receive piped it anywhere, so the bytes were lost and every file was 0 bytes.
      const hash = createHash('sha256');
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      part.file.on('error', (err) => hashing.destroy(err));
      const pending = await storage.receive(part.file.pipe(hashing));
      try {
        if (part.file.truncated) {
          throw new AppError('payload_too_large', {
            limit: `${Math.round(config.maxUploadBytes / 1048576)} MB`,
          });
        }
        const { size } = await stat(pending.path);
        if (size === 0) throw new AppError('file_empty');
        const verdict = await inspectFile(pending.path);
        if (!verdict.ok) throw new AppError('file_type_not_allowed', { type: verdict.detected });
        const id = randomUUID();
        const key = `${id.slice(0, 2)}/${id}`;
        await pending.commit(key);
        const [row] = await db
          .insert(attachments)
          .values({
            id,
            storageKey: key,
            fileName: cleanFileName(part.filename),
            contentType: verdict.contentType,
            sizeBytes: size,
            sha256: hash.digest('hex'),
            ...uploader,
          })
          .returning();
        return reply.status(201).send({
          id: row!.id,
          fileName: row!.fileName,
          contentType: row!.contentType,
          sizeBytes: row!.sizeBytes,
          url: `/api/v1/attachments/${row!.id}`,
        });
      } catch (err) {
        await pending.discard();
        throw err;
      }
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
