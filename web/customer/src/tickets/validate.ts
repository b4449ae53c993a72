import { checkAnswer, type FieldProblem, NETWORK_KEY } from '../../../../shared/field-rules.ts';
import { problemWords } from '../../../../shared/field-words.ts';
import type { FormField } from '../contact/types.ts';
import type { Lang } from '../shell/i18n.tsx';

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
): AnswerProblem | null {
  if (!raw.trim()) return field.required ? { problem: 'required' } : null;
  return checkAnswer(field, raw, { network: answers[NETWORK_KEY], now });
}

/** The problem in the customer's words, as shown under the field. */
export function problemText(field: FormField, problem: AnswerProblem, lang: Lang): string {
  return problemWords(field, problem, lang);
}

/** The answers as the server wants them: dates as instants, empty answers left out. */
export function answersForServer(fields: FormField[], answers: Record<string, string>) {
  const out: Record<string, string | number> = {};
  for (const f of fields) {
    const v = answers[f.key]?.trim();
    if (!v) continue;
    out[f.key] = f.type === 'datetime' ? new Date(v).toISOString() : f.type === 'number' ? Number(v) : v; // an amount stays the decimal text typed, never rounded through a float
  }
  return out;
}
