import { type LinkedFile, type Uploader, unusedUploadsOf } from '../attachments/link.ts';
import { attachments } from '../attachments/schema.ts';
import type { Executor } from '../db/client.ts';
import { type CategoryForm, fileIdsIn } from '../desk/category-form.ts';
import { invalidFieldsError } from '../desk/field-problem-text.ts';
import type { Language } from '../platform/i18n.ts';

/**
 * Links the files a checklist's attachments fields name to the new ticket's first message, like
 * the files sent with the description. Only the caller's own uploads that nothing holds yet
 * qualify: another customer's upload, a used one and an id that never existed are refused in the
 * same words, so a guessed id tells nobody whether it exists. Runs in the ticket's transaction: a
 * refusal leaves no ticket behind.
 */
export async function linkChecklistFiles(
  tx: Executor,
  form: CategoryForm,
  values: Record<string, unknown>,
  uploader: Uploader,
  target: { ticketId: string; messageId: string },
  lang: Language,
): Promise<LinkedFile[]> {
  const ids = fileIdsIn(form, values);
  if (ids.length === 0) return [];
  const rows = await tx.update(attachments).set(target).where(unusedUploadsOf(ids, uploader)).returning({
    id: attachments.id,
    fileName: attachments.fileName,
    contentType: attachments.contentType,
    sizeBytes: attachments.sizeBytes,
  });
  if (rows.length === ids.length) return rows;
  const linked = new Set(rows.map((r) => r.id));
  const problems = form.fields
    .filter((f) => {
      const value = values[f.key];
      return f.type === 'attachments' && Array.isArray(value) && value.some((id) => !linked.has(id));
    })
    .map((f) => ({ key: f.key, problem: 'unknown_file' as const }));
  throw invalidFieldsError(form, problems, lang);
}
