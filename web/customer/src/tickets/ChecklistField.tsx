import type { FormField } from '../contact/types.ts';
import { useI18n } from '../shell/i18n.tsx';
import { useT } from '../shell/use-t.ts';
import { TICKET_MESSAGES } from './messages.ts';

/** One fact of the preparation checklist, checked as the customer types. */
export function ChecklistField(props: {
  field: FormField;
  value: string;
  prefilled: boolean;
  problem: string | null;
  onChange(v: string): void;
  onBlur(): void;
}) {
  const { field: f, value, problem } = props;
  const t = useT(TICKET_MESSAGES);
  const { lang } = useI18n();
  const id = `f-${f.key}`;
  const label = lang === 'zh-CN' ? f.labelZh : f.labelEn;
  const common = {
    id,
    value,
    onBlur: props.onBlur,
    'aria-invalid': Boolean(problem),
    'aria-describedby': problem ? `${id}-err` : undefined,
    required: f.required,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {f.required && <span className="prefilled"> ({t('required')})</span>}
        {props.prefilled && <span className="prefilled"> · {t('fromApp')}</span>}
      </label>
      {f.type === 'select' ? (
        <select {...common} onChange={(e) => props.onChange(e.target.value)}>
          <option value="" />
          {f.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : f.type === 'textarea' ? (
        <textarea {...common} maxLength={f.maxLength} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={f.type === 'datetime' ? 'datetime-local' : 'text'}
          inputMode={f.type === 'number' || f.type === 'amount' ? 'decimal' : undefined}
          placeholder={f.example}
          maxLength={f.maxLength}
          autoComplete="off"
          spellCheck={false}
          max={f.type === 'datetime' ? localNow() : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      {problem && (
        <span id={`${id}-err`} className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

/** Now as a datetime-local value in the customer's zone. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}
