/**
 * The form of extra facts a ticket of a category needs (the preparation checklist):
 * declared by admins, validated on the server for every channel.
 */
export type FormFieldType = 'text' | 'textarea' | 'number' | 'datetime' | 'select' | 'txid' | 'uid';

export interface FormField {
  key: string;
  type: FormFieldType;
  labelZh: string;
  labelEn: string;
  required: boolean;
  /** For `select`. */
  options?: string[];
  maxLength?: number;
}

export interface CategoryForm {
  fields: FormField[];
}

export interface FieldProblem {
  key: string;
  problem:
    | 'required'
    | 'unknown_field'
    | 'wrong_type'
    | 'too_long'
    | 'not_an_option'
    | 'bad_format'
    | 'in_future';
}

/** Checks answers against the form; returns the cleaned answers or the problems found. */
export function validateFormAnswers(
  form: CategoryForm,
  answers: Record<string, unknown>,
  now: Date = new Date(),
): { ok: true; values: Record<string, string | number> } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const values: Record<string, string | number> = {};
  const known = new Set(form.fields.map((f) => f.key));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) problems.push({ key, problem: 'unknown_field' });
  }
  for (const field of form.fields) {
    const raw = answers[field.key];
    if (raw === undefined || raw === null || raw === '') {
      if (field.required) problems.push({ key: field.key, problem: 'required' });
      continue;
    }
    const problem = checkField(field, raw, now);
    if (problem) problems.push({ key: field.key, problem });
    else values[field.key] = field.type === 'number' ? Number(raw) : String(raw).trim();
  }
  return problems.length ? { ok: false, problems } : { ok: true, values };
}

function checkField(field: FormField, raw: unknown, now: Date): FieldProblem['problem'] | null {
  if (field.type === 'number') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
    return Number.isFinite(n) ? null : 'wrong_type';
  }
  if (typeof raw !== 'string') return 'wrong_type';
  const value = raw.trim();
  if (value.length > (field.maxLength ?? 5000)) return 'too_long';
  switch (field.type) {
    case 'select':
      return field.options?.includes(value) ? null : 'not_an_option';
    case 'datetime': {
      const t = Date.parse(value);
      if (Number.isNaN(t)) return 'bad_format';
      return t > now.getTime() + 5 * 60_000 ? 'in_future' : null;
    }
    case 'txid':
      // A transaction hash: 64 hex (optionally 0x), or a base58 signature (Solana), 32–100 chars.
      return /^(0x)?[0-9a-fA-F]{64}$/.test(value) || /^[1-9A-HJ-NP-Za-km-z]{32,100}$/.test(value)
        ? null
        : 'bad_format';
    case 'uid':
      return /^[A-Za-z0-9_-]{1,64}$/.test(value) ? null : 'bad_format';
    default:
      return null;
  }
}

/**
 * Problems with a form itself that its schema cannot see: a select with no options (a required one
 * could never be answered) and two fields with one key (one answer would stand for both).
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
  }
  return problems;
}
