import {
  FIELD_TYPES,
  type FieldType,
  fullPattern,
  MAX_FILES,
  NETWORK_KEY,
} from '../../../../shared/field-rules.ts';
import type { MessageKey } from '../lib/i18n.ts';

export { FIELD_TYPES, type FieldType, MAX_FILES, NETWORK_KEY };

/** One field of a category's checklist form, as the API takes it (docs/api.md). */
export interface BuiltField {
  key: string;
  type: FieldType;
  labelZh: string;
  labelEn: string;
  required: boolean;
  options?: string[];
  maxLength?: number;
  pattern?: string;
  example?: string;
  /** For an attachments field: how many files (1–5). */
  maxFiles?: number;
}

export interface AdminCategory {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  teamId: string | null;
  defaultPriority: 'low' | 'normal' | 'high' | 'urgent';
  customerMayPrioritise: boolean;
  form: { fields: BuiltField[] };
  position: number;
  active: boolean;
}

export const KEY_PATTERN = /^[a-z][a-zA-Z0-9_]{0,63}$/;

/** The networks a new "network choice" offers (the names chainOf knows). */
export const DEFAULT_NETWORKS = ['TRC20', 'ERC20', 'BEP20', 'Solana', 'TON', 'Bitcoin', 'Other'];

/**
 * A field as the API wants it: only the settings its type takes (a pattern only on text, options
 * only on a choice), nothing empty.
 */
export function cleanField(f: BuiltField): BuiltField {
  const out: BuiltField = {
    key: f.key.trim(),
    type: f.type,
    labelZh: f.labelZh.trim(),
    labelEn: f.labelEn.trim(),
    required: f.required,
  };
  if (f.type === 'select') out.options = (f.options ?? []).map((o) => o.trim()).filter(Boolean);
  if ((f.type === 'text' || f.type === 'textarea') && f.maxLength) out.maxLength = f.maxLength;
  if (f.type === 'attachments') out.maxFiles = f.maxFiles ?? 1;
  if (f.type === 'text' && f.pattern) {
    out.pattern = f.pattern;
    if (f.example) out.example = f.example;
  }
  return out;
}

/**
 * What the server would refuse in a form, said in the admin's language before they save. The
 * server stays the judge (it also refuses patterns that can backtrack catastrophically, which
 * only it can tell): its error is shown as it comes.
 */
export function formHints(fields: BuiltField[]): Array<[MessageKey, Record<string, string>]> {
  const out: Array<[MessageKey, Record<string, string>]> = [];
  const seen = new Set<string>();
  for (const raw of fields) {
    const f = cleanField(raw);
    if (!KEY_PATTERN.test(f.key)) out.push(['field.problem.badKey', { key: f.key }]);
    if (seen.has(f.key)) out.push(['field.problem.keyTwice', { key: f.key }]);
    seen.add(f.key);
    if (f.type === 'select' && !f.options?.length) out.push(['field.problem.noOptions', { key: f.key }]);
    if (f.pattern !== undefined) {
      const re = fullPattern(f.pattern);
      if (!re) out.push(['field.problem.badPattern', { key: f.key }]);
      else if (f.example !== undefined && !re.test(f.example))
        out.push(['field.problem.exampleMisses', { key: f.key }]);
    }
  }
  return out;
}

/** A key not yet used in the form: `field`, `field2`, … */
export function freshKey(fields: BuiltField[], base = 'field'): string {
  const used = new Set(fields.map((f) => f.key));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}
