import type { ReactNode } from 'react';
import { useT } from '../lib/i18n.ts';

export type Words = { 'zh-CN': string; en: string };

/** Words an admin writes once per customer language (plain text, up to 1,000 characters each). */
export function WordsPerLanguage(props: {
  name: string;
  legend: string;
  hint: string;
  value: Words;
  onChange(value: Words): void;
}) {
  return (
    <fieldset className="brand-words">
      <legend>{props.legend}</legend>
      <p className="muted">{props.hint}</p>
      {(['zh-CN', 'en'] as const).map((lang) => (
        <label key={lang}>
          {lang === 'en' ? 'English' : '中文'}
          <textarea
            name={`${props.name}-${lang}`}
            rows={3}
            maxLength={1000}
            value={props.value[lang]}
            onChange={(e) => props.onChange({ ...props.value, [lang]: e.target.value })}
          />
        </label>
      ))}
    </fieldset>
  );
}

/** Save, then what became of it: the notice, or the server's refusal in the admin's language. */
export function SaveRow(props: {
  pending: boolean;
  notice: string | null;
  error: Error | null;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <div className="row">
      <button type="submit" className="primary" disabled={props.pending}>
        {t('common.save')}
      </button>
      {props.children}
      {props.notice && (
        <span className="notice" role="status">
          {props.notice}
        </span>
      )}
      {props.error && (
        <span className="error" role="alert">
          {props.error.message}
        </span>
      )}
    </div>
  );
}
