import { useMemo, useState } from 'react';
import { checkAnswer, isEmpty, maxFilesOf, NETWORK_KEY } from '../../../../shared/field-rules.ts';
import { type MessageKey, translate, useT } from '../lib/i18n.ts';
import type { Language } from '../lib/types.ts';
import { type BuiltField, cleanField } from './form-model.ts';

/**
 * The customer's view of a checklist form, live as the admin builds it: the labels in the chosen
 * language, required and "from the app" marks, and answers checked by the very rules the server
 * and the customer page apply (shared/field-rules.ts). A pattern the server has not accepted yet
 * is not run here: the server judges it for catastrophic backtracking when the form is saved.
 */
export function FormPreview(props: { title: string; fields: BuiltField[]; acceptedPatterns: Set<string> }) {
  const t = useT();
  const [lang, setLang] = useState<Language>('zh-CN');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [appQuery, setAppQuery] = useState('');
  const fromApp = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(appQuery.replace(/^[^?]*\?/, ''))) out[k] = v;
    return out;
  }, [appQuery]);
  const tr = (key: MessageKey, params?: Record<string, string>) => translate(lang, key, params);
  const fields = props.fields.map(cleanField).map((f): BuiltField => {
    if (f.pattern === undefined || props.acceptedPatterns.has(f.pattern)) return f;
    const { pattern: _p, example: _e, ...rest } = f;
    return rest;
  });
  const value = (key: string) => answers[key] ?? fromApp[key] ?? '';
  const context = { network: value(NETWORK_KEY), now: Date.now() };
  // The preview uploads nothing: a chosen file's name stands for it, as many as the customer picks.
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const problemOf = (f: BuiltField): string | null => {
    if (f.type === 'attachments') {
      const names = chosen[f.key] ?? [];
      if (!touched.has(f.key)) return null;
      if (names.length === 0) return f.required ? tr('preview.problem.required') : null;
      const max = String(maxFilesOf(f));
      return names.length > maxFilesOf(f) ? tr('preview.problem.too_many_files', { max }) : null;
    }
    const raw = value(f.key);
    if (!touched.has(f.key) && !(f.key in fromApp)) return null;
    if (isEmpty(raw)) return f.required ? tr('preview.problem.required') : null;
    const found = checkAnswer(f, raw, context);
    if (!found) return null;
    if (found.problem === 'bad_format' && found.network)
      return tr('preview.problem.bad_format_network', { network: found.network });
    return tr(`preview.problem.${found.problem}` as MessageKey);
  };
  const touch = (key: string) => setTouched((s) => new Set(s).add(key));

  return (
    <aside className="form-preview" aria-label={t('cats.preview')}>
      <div className="preview-bar">
        <strong>{t('cats.preview')}</strong>
        <label className="inline">
          {t('cats.previewLang')}
          <select name="previewLang" value={lang} onChange={(e) => setLang(e.target.value as Language)}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
      <label className="app-query">
        {t('cats.appQuery')}
        <input
          name="appQuery"
          placeholder="?txid=…&network=TRC20"
          value={appQuery}
          onChange={(e) => setAppQuery(e.target.value)}
        />
      </label>
      <div className="customer-page" lang={lang}>
        <h3>{props.title}</h3>
        {fields.length === 0 && <p className="muted">{tr('preview.empty')}</p>}
        {fields.map((f) => {
          const id = `preview-${f.key}`;
          const problem = problemOf(f);
          const common = {
            id,
            name: f.key,
            value: value(f.key),
            'aria-invalid': Boolean(problem),
            onBlur: () => touch(f.key),
            onChange: (e: { target: { value: string } }) =>
              setAnswers((a) => ({ ...a, [f.key]: e.target.value })),
          };
          return (
            <div className="field" key={f.key} data-preview-field={f.key}>
              <label htmlFor={id}>
                {lang === 'zh-CN' ? f.labelZh : f.labelEn}
                {f.required && <span className="mark"> ({tr('preview.required')})</span>}
                {f.key in fromApp && <span className="mark"> · {tr('preview.fromApp')}</span>}
              </label>
              {f.type === 'attachments' ? (
                <>
                  <input
                    id={id}
                    name={f.key}
                    type="file"
                    multiple={maxFilesOf(f) > 1}
                    aria-invalid={Boolean(problem)}
                    onChange={(e) => {
                      const names = [...(e.target.files ?? [])].map((file) => file.name);
                      setChosen((c) => ({ ...c, [f.key]: names }));
                      touch(f.key);
                    }}
                  />
                  <span className="muted">{tr('preview.files', { max: String(maxFilesOf(f)) })}</span>
                </>
              ) : f.type === 'select' ? (
                <select {...common}>
                  <option value="" />
                  {f.options?.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : f.type === 'textarea' ? (
                <textarea {...common} maxLength={f.maxLength} />
              ) : (
                <input
                  {...common}
                  type={f.type === 'datetime' ? 'datetime-local' : 'text'}
                  inputMode={f.type === 'number' || f.type === 'amount' ? 'decimal' : undefined}
                  placeholder={f.example}
                  autoComplete="off"
                />
              )}
              {problem && (
                <span className="field-error" role="alert">
                  {problem}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <p className="muted hint">{t('cats.previewHint')}</p>
    </aside>
  );
}
