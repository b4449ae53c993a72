import {
  type CheckedAnswers,
  checkAnswer,
  checkAnswers,
  cleanAnswer,
  type FieldProblem,
  type FieldRule,
  type FieldType,
  fullPattern,
  isEmpty,
  NETWORK_KEY,
  ruleProblems,
} from '../../../shared/field-rules.ts';
import { patternIsSafe, withSafePatterns } from './pattern-safety.ts';

/**
 * The form of extra facts a ticket of a category needs (the preparation checklist): declared by
 * admins, validated on the server for every channel by the rules the customer page checks too
 * (shared/field-rules.ts).
 */
export type FormFieldType = FieldType;
export type { FieldProblem };

export interface FormField extends FieldRule {
  labelZh: string;
  labelEn: string;
}

export interface CategoryForm {
  fields: FormField[];
}

/** Checks answers against the form; returns the cleaned answers or the problems found. */
export function validateFormAnswers(
  form: CategoryForm,
  answers: Record<string, unknown>,
  now: Date = new Date(),
): CheckedAnswers {
  return checkAnswers(withSafePatterns(form.fields), answers, now.getTime());
}

/**
 * One answer by its field's rule, required or not, checked for the network the other answers name
 * (a TXID passed with `network=TRC20` must be a Tron one): the cleaned value, or null when the form
 * has no such field or the answer does not pass.
 */
export function checkOneAnswer(
  form: CategoryForm,
  key: string,
  answers: Record<string, unknown>,
  now: Date = new Date(),
): string | number | null {
  const field = withSafePatterns(form.fields).find((f) => f.key === key);
  const raw = answers[key];
  // The host app passes facts, never files: an attachments field is the customer's to answer.
  if (!field || field.type === 'attachments' || isEmpty(raw)) return null;
  if (checkAnswer(field, raw, { network: answers[NETWORK_KEY], now: now.getTime() })) return null;
  const value = cleanAnswer(field, raw);
  return Array.isArray(value) ? null : value;
}

/** The ids of the files the answers give in the form's attachments fields. */
export function fileIdsIn(form: CategoryForm, values: Record<string, unknown>): string[] {
  const ids = form.fields.flatMap((f) => {
    const value = f.type === 'attachments' ? values[f.key] : undefined;
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  });
  return [...new Set(ids)];
}

/**
 * Problems with a form itself that its schema cannot see: a select with no options (a required one
 * could never be answered), two fields with one key (one answer would stand for both), a pattern
 * that does not compile or that its own example misses.
 */
export function formProblems(form: CategoryForm): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const field of form.fields) {
    if (seen.has(field.key)) problems.push(`form.fields: the key "${field.key}" is used twice`);
    seen.add(field.key);
    if (field.type === 'select' && !field.options?.length) {
      problems.push(`form.fields.${field.key}: a select needs options`);
    }
    if (field.pattern !== undefined && fullPattern(field.pattern) && !patternIsSafe(field.pattern)) {
      problems.push(
        `form.fields.${field.key}: the pattern can backtrack catastrophically (nested or overlapping repeats, e.g. (a+)+); write it without them`,
      );
    }
  }
  return [...problems, ...ruleProblems(form.fields)];
}
