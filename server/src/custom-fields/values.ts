import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import { maskSecrets } from '../safety/mask.ts';
import {
  type CustomFieldDefinition,
  type CustomFieldEntity,
  type CustomFieldValue,
  customFieldDefinitions,
} from './schema.ts';

/** A text value's longest form: a field holds an id, a short answer, not a letter. */
export const MAX_TEXT_VALUE = 2000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fields of one entity (or of both: null), in their order. */
export async function definitionsOf(
  ex: Executor,
  entity: CustomFieldEntity | null,
): Promise<CustomFieldDefinition[]> {
  return ex
    .select()
    .from(customFieldDefinitions)
    .where(entity ? eq(customFieldDefinitions.entity, entity) : undefined)
    .orderBy(asc(customFieldDefinitions.position), asc(customFieldDefinitions.createdAt));
}

type Problem = 'unknown' | 'archived' | 'required' | 'text' | 'number' | 'choice' | 'date' | 'checkbox';

const WORDS: Record<Problem, [zh: string, en: string]> = {
  unknown: ['没有这个字段', 'there is no such field'],
  archived: ['该字段已归档，不能再填写', 'the field is archived and takes no new values'],
  required: ['必填字段不能清空', 'a required field cannot be cleared'],
  text: [`应为不超过 ${MAX_TEXT_VALUE} 字的文本`, `must be text of at most ${MAX_TEXT_VALUE} characters`],
  number: ['应为数字', 'must be a number'],
  choice: ['应为列出的选项之一', 'must be one of the listed choices'],
  date: ['应为日期（YYYY-MM-DD）', 'must be a date (YYYY-MM-DD)'],
  checkbox: ['应为 true 或 false', 'must be true or false'],
};

function validDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** One value checked against its field's type: the value to store, or the problem. */
function checkValue(
  def: CustomFieldDefinition,
  raw: unknown,
): { value: CustomFieldValue } | { problem: Problem } {
  switch (def.type) {
    case 'text': {
      if (typeof raw !== 'string' || raw.length > MAX_TEXT_VALUE) return { problem: 'text' };
      // Secrets typed into a field are masked before storing, as everywhere else.
      return { value: maskSecrets(raw.trim()) };
    }
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? { value: raw } : { problem: 'number' };
    case 'choice':
      return typeof raw === 'string' && def.choices.some((c) => c.value === raw)
        ? { value: raw }
        : { problem: 'choice' };
    case 'date':
      return typeof raw === 'string' && validDate(raw) ? { value: raw } : { problem: 'date' };
    case 'checkbox':
      return typeof raw === 'boolean' ? { value: raw } : { problem: 'checkbox' };
  }
}

export interface ValueChange {
  /** The values after the write (a cleared field is absent). */
  next: Record<string, CustomFieldValue>;
  /** Only the changed keys: before and after (null: not set). */
  from: Record<string, CustomFieldValue | null>;
  to: Record<string, CustomFieldValue | null>;
}

/**
 * Checks a write of custom values (key → value, null clears) against the fields' definitions and
 * merges it into the current values. Throws 400 `invalid_fields` naming each bad field in the
 * caller's language; returns null when nothing changes.
 */
export function applyCustomValues(
  defs: readonly CustomFieldDefinition[],
  current: Record<string, unknown>,
  input: Record<string, unknown>,
  lang: Language,
): ValueChange | null {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const next = { ...(current as Record<string, CustomFieldValue>) };
  const from: ValueChange['from'] = {};
  const to: ValueChange['to'] = {};
  const problems: Array<{ key: string; label: string; problem: Problem }> = [];
  const zh = lang === 'zh-CN';
  for (const [key, raw] of Object.entries(input)) {
    const def = byKey.get(key);
    const fail = (problem: Problem) =>
      problems.push({ key, label: def ? (zh ? def.labelZh : def.labelEn) : key, problem });
    if (!def) {
      fail('unknown');
      continue;
    }
    if (def.archivedAt) {
      fail('archived');
      continue;
    }
    let value: CustomFieldValue | null = null;
    if (raw !== null && raw !== '') {
      const checked = checkValue(def, raw);
      if ('problem' in checked) {
        fail(checked.problem);
        continue;
      }
      value = checked.value === '' ? null : checked.value;
    }
    if (value === null && def.required && current[key] !== undefined) {
      fail('required');
      continue;
    }
    const before = (current[key] as CustomFieldValue | undefined) ?? null;
    if (before === value) continue;
    from[key] = before;
    to[key] = value;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  if (problems.length) {
    const detail = problems
      .map((p) => `${zh ? `「${p.label}」` : `"${p.label}"`}${zh ? '' : ' '}${WORDS[p.problem][zh ? 0 : 1]}`)
      .join(zh ? '；' : '; ');
    throw new AppError(
      'invalid_fields',
      { detail },
      { extra: { fields: problems.map((p) => ({ key: p.key, problem: p.problem })) } },
    );
  }
  return Object.keys(to).length ? { next, from, to } : null;
}

/** The values as search text: texts and choices (with their labels), numbers, dates. */
export function customValueTexts(
  defs: readonly CustomFieldDefinition[],
  values: Record<string, unknown>,
): string[] {
  const out: string[] = [];
  for (const def of defs) {
    const v = values[def.key];
    if (v === undefined || v === null || typeof v === 'boolean') continue;
    out.push(String(v));
    if (def.type === 'choice') {
      const choice = def.choices.find((c) => c.value === v);
      if (choice) out.push(choice.zh, choice.en);
    }
  }
  return out;
}

/**
 * The inbox's filter on a custom field: a ticket field by its key, a customer field as
 * `customer.<key>` (keys cannot hold a dot). The text of the query is typed as the field is, so
 * that `custom_fields @> {"key": value}` matches what was stored. 400 in the caller's language
 * for an unknown field or a value the field cannot hold.
 */
export async function customFieldFilter(
  ex: Executor,
  fieldKey: string | undefined,
  text: string | undefined,
  lang: Language,
): Promise<{ entity: CustomFieldEntity; key: string; value: CustomFieldValue }> {
  if (fieldKey === undefined || text === undefined)
    throw new AppError('validation_failed', { detail: 'fieldKey and fieldValue go together' });
  const entity: CustomFieldEntity = fieldKey.startsWith('customer.') ? 'customer' : 'ticket';
  const key = entity === 'customer' ? fieldKey.slice('customer.'.length) : fieldKey;
  const defs = await definitionsOf(ex, entity);
  const def = defs.find((d) => d.key === key);
  const raw: unknown =
    def?.type === 'number'
      ? text.trim() === ''
        ? text
        : Number(text)
      : def?.type === 'checkbox'
        ? text === 'true'
          ? true
          : text === 'false'
            ? false
            : text
        : text;
  // Archived fields stay filterable: their values are kept.
  const live = def ? [{ ...def, archivedAt: null }] : [];
  const change = applyCustomValues(live, {}, { [key]: raw }, lang);
  const value = change?.to[key];
  if (value === undefined || value === null)
    throw new AppError('validation_failed', { detail: 'fieldValue: empty' });
  return { entity, key, value };
}
