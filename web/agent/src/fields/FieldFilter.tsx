import type { InboxFilters } from '../inbox/filters.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { fieldLabel, useCustomFields } from './types.ts';

/**
 * The inbox's filter on one custom field, of the ticket or of its customer (sent as
 * `customer.<key>`): pick the field, then its value (a choice or yes/no from a list, anything else
 * typed). The server matches the value exactly, by the field's type.
 */
export function FieldFilter({
  filters,
  onChange,
}: {
  filters: InboxFilters;
  onChange: (patch: Partial<InboxFilters>) => void;
}) {
  const t = useT();
  const { language } = useLocale();
  const defs = useCustomFields();
  const all = defs.data?.items ?? [];
  const ticketFields = all.filter((f) => f.entity === 'ticket');
  const customerFields = all.filter((f) => f.entity === 'customer');
  if (all.length === 0) return null;
  const keyOf = (f: (typeof all)[number]) => (f.entity === 'customer' ? `customer.${f.key}` : f.key);
  const field = all.find((f) => keyOf(f) === filters.fieldKey);
  const groups = [
    { label: t('fields.ticket'), items: ticketFields },
    { label: t('fields.customer'), items: customerFields },
  ].filter((g) => g.items.length > 0);
  return (
    <>
      <select
        aria-label={t('fields.filter')}
        value={filters.fieldKey}
        onChange={(e) => onChange({ fieldKey: e.target.value, fieldValue: '' })}
      >
        <option value="">
          {t('fields.filter')}: {t('common.any')}
        </option>
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.items.map((f) => (
              <option key={keyOf(f)} value={keyOf(f)}>
                {fieldLabel(f, language)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {field &&
        (field.type === 'choice' || field.type === 'checkbox' ? (
          <select
            aria-label={t('fields.filterValue')}
            value={filters.fieldValue}
            onChange={(e) => onChange({ fieldValue: e.target.value })}
          >
            <option value="">—</option>
            {field.type === 'checkbox' ? (
              <>
                <option value="true">{t('fields.yes')}</option>
                <option value="false">{t('fields.no')}</option>
              </>
            ) : (
              field.choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {language === 'en' ? c.en : c.zh}
                </option>
              ))
            )}
          </select>
        ) : (
          <input
            key={keyOf(field)}
            aria-label={t('fields.filterValue')}
            placeholder={fieldLabel(field, language)}
            type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
            defaultValue={filters.fieldValue}
            onKeyDown={(e) => e.key === 'Enter' && onChange({ fieldValue: e.currentTarget.value.trim() })}
            onBlur={(e) =>
              e.currentTarget.value.trim() !== filters.fieldValue &&
              onChange({ fieldValue: e.currentTarget.value.trim() })
            }
          />
        ))}
    </>
  );
}
