import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

export type FieldType = 'text' | 'number' | 'choice' | 'date' | 'checkbox';
export type FieldValue = string | number | boolean;

export interface CustomField {
  id: string;
  entity: 'ticket' | 'customer';
  key: string;
  type: FieldType;
  labelZh: string;
  labelEn: string;
  choices: Array<{ value: string; zh: string; en: string }>;
  required: boolean;
  position: number;
  archived: boolean;
}

export const customFieldsKey = ['custom-fields'] as const;

/** Every custom field definition (both kinds, archived ones flagged): one query for the workspace. */
export function useCustomFields() {
  return useQuery({
    queryKey: customFieldsKey,
    queryFn: () => api<{ items: CustomField[] }>('GET', '/custom-fields'),
    staleTime: 60_000,
  });
}

export function fieldLabel(field: CustomField, language: string) {
  return language === 'en' ? field.labelEn : field.labelZh;
}

/** A stored value as the agent reads it (a choice by its label). */
export function showValue(field: CustomField, value: unknown, language: string, yes: string, no: string) {
  if (value === undefined || value === null || value === '') return '—';
  if (field.type === 'checkbox') return value ? yes : no;
  if (field.type === 'choice') {
    const c = field.choices.find((x) => x.value === value);
    return c ? (language === 'en' ? c.en : c.zh) : String(value);
  }
  return String(value);
}
