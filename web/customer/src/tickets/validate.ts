import { checkAnswer, type FieldProblem, maxFilesOf, NETWORK_KEY } from '../../../../shared/field-rules.ts';
import { problemWords } from '../../../../shared/field-words.ts';
import type { FormField } from '../contact/types.ts';
import type { Lang } from '../shell/i18n.tsx';
import type { Uploaded } from './upload.ts';

/**
 * A checklist answer checked as the customer types, by the rules the server applies again
 * (shared/field-rules.ts), with the words the server would use (shared/field-words.ts).
 */
export type AnswerProblem = Omit<FieldProblem, 'key'>;

export function fieldProblem(
  field: FormField,
  raw: string,
  answers: Record<string, string>,
  now = Date.now(),
  /** For an attachments field: how many files are uploaded for it. */
  files = 0,
): AnswerProblem | null {
  if (field.type === 'attachments') {
    if (files === 0) return field.required ? { problem: 'required' } : null;
    return files > maxFilesOf(field) ? { problem: 'too_many_files' } : null;
  }
  if (!raw.trim()) return field.required ? { problem: 'required' } : null;
  return checkAnswer(field, raw, { network: answers[NETWORK_KEY], now });
}

/** The problem in the customer's words, as shown under the field. */
export function problemText(field: FormField, problem: AnswerProblem, lang: Lang): string {
  return problemWords(field, problem, lang);
}

/**
 * The typed answers as the server wants them: dates as instants, empty answers left out. An
 * attachments field is not typed: its answer is its uploads' ids (see fileAnswers).
 */
export function answersForServer(fields: FormField[], answers: Record<string, string>) {
  const out: Record<string, string | number> = {};
  for (const f of fields) {
    if (f.type === 'attachments') continue;
    const v = answers[f.key]?.trim();
    if (!v) continue;
    out[f.key] = f.type === 'datetime' ? new Date(v).toISOString() : f.type === 'number' ? Number(v) : v; // an amount stays the decimal text typed, never rounded through a float
  }
  return out;
}

/** The attachments fields' answers: the ids of the files uploaded for each (none: left out). */
export function fileAnswers(fields: FormField[], files: Record<string, Uploaded[]>) {
  const out: Record<string, string[]> = {};
  for (const f of fields) {
    const ids = f.type === 'attachments' ? (files[f.key] ?? []).map((u) => u.id) : [];
    if (ids.length) out[f.key] = ids;
  }
  return out;
}
