import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';

/** How long a file part may keep its reader waiting once the whole request body has arrived. */
const SETTLE_MS = 2_000;

/**
 * The one file of a multipart upload. A body that ends inside the file part (no closing boundary)
 * leaves the multipart parser waiting for bytes that will never come: the request is complete, so
 * no socket timeout applies, and the upload hung forever. Once the body has ended, the file must
 * end within SETTLE_MS, or it fails as a bad request (and its temporary file is discarded).
 */
export async function uploadedFile(request: FastifyRequest): Promise<MultipartFile> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type');
  const part = await request.file();
  if (!part) throw new AppError('validation_failed', { detail: 'file: missing' });
  const file = part.file;
  const arm = () => {
    if (file.readableEnded || file.destroyed) return;
    const timer = setTimeout(() => {
      file.destroy(
        new AppError('validation_failed', { detail: 'file: the multipart body ended inside the file' }),
      );
    }, SETTLE_MS);
    file.once('end', () => clearTimeout(timer));
    file.once('close', () => clearTimeout(timer));
  };
  const raw = request.raw;
  if (raw.complete || raw.readableEnded) arm();
  else raw.once('end', arm);
  return part;
}
