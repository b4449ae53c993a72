import { describeProblems, problemWords } from '../../../shared/field-words.ts';
import { AppError } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import type { CategoryForm, FieldProblem } from './category-form.ts';

/**
 * What is wrong with checklist answers, in the customer's words: the field's own label and the
 * problem in plain language ("交易哈希 (TXID)：TRC20 网络的交易哈希应为…"), not "txid (bad_format)".
 * The words are the ones the customer page shows (shared/field-words.ts).
 */
export function describeFieldProblems(form: CategoryForm, problems: FieldProblem[], lang: Language): string {
  return describeProblems(form.fields, problems, lang);
}

/**
 * The refusal of checklist answers, the same for the ticket form and the chat: the whole sentence
 * as the error's message, and per field its problem code and words (for the page to show each
 * next to its field).
 */
export function invalidFieldsError(form: CategoryForm, problems: FieldProblem[], lang: Language): AppError {
  const fields = problems.map((p) => {
    const field = form.fields.find((f) => f.key === p.key);
    return { ...p, message: problemWords(field, p, lang) };
  });
  return new AppError(
    'invalid_fields',
    { detail: describeFieldProblems(form, problems, lang) },
    { extra: { fields } },
  );
}
