import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { INLINE_TYPES } from '../attachments/inspect.ts';
import { uploadedFile } from '../attachments/multipart-part.ts';
import { attachments } from '../attachments/schema.ts';
import { storeAttachment } from '../attachments/store.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { editor, isEditor, tags } from './admin-common.ts';
import { helpImageUrl, isPublicHelpImage } from './images.ts';
import { helpImages } from './schema.ts';

/** Images in articles: editors upload them; anyone sees those a published article shows. */
export function registerHelpImageRoutes(app: App, { db, storage, config }: Services) {
  app.post(
    '/help/admin/images',
    {
      schema: {
        tags,
        summary:
          'Upload an image for an article (multipart, field "file"); put the returned Markdown in the text',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const editorId = editor(request);
      const part = await uploadedFile(request);
      const p = request.principal;
      // The same checks as every upload (size, type by content, no SVG/HTML), then: pictures only.
      const row = await storeAttachment(db, storage, {
        source: part.file,
        fileName: part.filename,
        uploader:
          p.kind === 'integration'
            ? { uploaderType: 'integration', uploaderId: p.tokenId }
            : { uploaderType: 'agent', uploaderId: editorId },
        limitBytes: config.maxUploadBytes,
        truncated: () => part.file.truncated,
      });
      if (!INLINE_TYPES.has(row.contentType)) {
        await db.delete(attachments).where(eq(attachments.id, row.id));
        await storage.remove(row.storageKey).catch(() => {});
        throw new AppError('help_image_not_picture');
      }
      await db.insert(helpImages).values({ attachmentId: row.id, uploadedBy: editorId });
      const url = helpImageUrl(row.id);
      // Markdown's alt text may not hold brackets; the file name is only a starting point for it.
      const alt = row.fileName.replace(/\.[a-z0-9]+$/i, '').replace(/[[\]\\]/g, ' ');
      return reply.status(201).send({
        id: row.id,
        url,
        contentType: row.contentType,
        sizeBytes: row.sizeBytes,
        markdown: `![${alt}](${url})`,
      });
    },
  );

  app.get(
    '/help/images/:id',
    {
      config: { public: true },
      schema: {
        tags: ['help'],
        summary: "An article's image: public once a published article shows it; editors see drafts' images",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const [row] = await db
        .select({
          storageKey: attachments.storageKey,
          contentType: attachments.contentType,
          sizeBytes: attachments.sizeBytes,
        })
        .from(helpImages)
        .innerJoin(attachments, eq(attachments.id, helpImages.attachmentId))
        .where(eq(helpImages.attachmentId, id));
      const editorView = isEditor(request);
      // A draft's image answers exactly like a missing one: its existence is not disclosed.
      if (!row || (!editorView && !(await isPublicHelpImage(db, id))))
        throw new AppError('help_image_not_found');
      const stream = await storage.open(row.storageKey).catch(() => {
        throw new AppError('help_image_not_found');
      });
      return (
        reply
          .header('content-type', row.contentType)
          .header('content-length', row.sizeBytes)
          .header('content-disposition', 'inline')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cross-origin-resource-policy', 'same-origin')
          // Editors' copies must not be cached for others; public ones may be, briefly (unpublishing).
          .header('cache-control', editorView ? 'private, no-store' : 'public, max-age=300')
          .send(stream)
      );
    },
  );
}
