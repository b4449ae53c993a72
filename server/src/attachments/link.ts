import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import { attachments } from './schema.ts';

export interface Uploader {
  uploaderType: 'customer' | 'agent' | 'integration' | 'system';
  uploaderId: string | null;
}

/** A file as it was linked: what a response that lists it needs without reading it back. */
export interface LinkedFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** The uploader's own files among `ids` that no message holds yet: all anyone may link. */
export function unusedUploadsOf(ids: readonly string[], uploader: Uploader): SQL {
  return and(
    inArray(attachments.id, [...ids]),
    eq(attachments.uploaderType, uploader.uploaderType),
    uploader.uploaderId ? eq(attachments.uploaderId, uploader.uploaderId) : isNull(attachments.uploaderId),
    isNull(attachments.messageId),
  )!;
}

/**
 * Attaches uploaded files to a ticket's message. Only the uploader's own, not yet attached files
 * qualify: nobody can pull another person's upload into their ticket by guessing its id.
 */
export async function linkAttachments(
  tx: Executor,
  ids: readonly string[],
  uploader: Uploader,
  target: { ticketId: string; messageId: string },
): Promise<LinkedFile[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await tx
    .update(attachments)
    .set({ ticketId: target.ticketId, messageId: target.messageId })
    .where(unusedUploadsOf(unique, uploader))
    .returning({
      id: attachments.id,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      sizeBytes: attachments.sizeBytes,
    });
  if (rows.length !== unique.length) {
    throw new AppError('validation_failed', { detail: 'attachmentIds: unknown or already used attachment' });
  }
  return rows;
}
