import { useEffect, useMemo, useState } from 'react';
import { maxFilesOf } from '../../../../shared/field-rules.ts';
import type { Category, FormField } from '../contact/types.ts';
import { ApiError, api } from '../shell/api.ts';
import { postToHost } from '../shell/host.ts';
import { useI18n } from '../shell/i18n.tsx';
import { Layout } from '../shell/Layout.tsx';
import { navigate } from '../shell/router.tsx';
import { currentSession } from '../shell/session.ts';
import { useApi } from '../shell/use-api.ts';
import { useT } from '../shell/use-t.ts';
import { Attachments } from './Attachments.tsx';
import { ChecklistField } from './ChecklistField.tsx';
import { TICKET_MESSAGES } from './messages.ts';
import { Suggestions } from './Suggestions.tsx';
import { type SafetyCheck, Summary } from './Summary.tsx';
import type { Uploaded } from './upload.ts';
import { type AnswerProblem, answersForServer, fieldProblem, fileAnswers, problemText } from './validate.ts';

/** The ticket form: category, title, description, the category's checklist, evidence, a summary. */
export default function NewTicketPage({ query }: { query: URLSearchParams }) {
  const t = useT(TICKET_MESSAGES);
  const { lang } = useI18n();
  const cats = useApi<{ items: Category[] }>('/categories');
  const [code, setCode] = useState(query.get('category') ?? '');
  const category = cats.data?.items.find((c) => c.code === code || c.id === code) ?? null;
  const fields: FormField[] = category?.form.fields ?? [];
  const [title, setTitle] = useState(query.get('title') ?? '');
  const [description, setDescription] = useState('');
  // Facts the host app passed (e.g. ?txid=…&coin=USDT&network=TRC20) are prefilled and marked.
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(query));
  const [prefilled, setPrefilled] = useState<Set<string>>(() => new Set(query.keys()));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [files, setFiles] = useState<Uploaded[]>([]);
  // The uploads of each attachments field of the checklist, by the field's key.
  const [fieldFiles, setFieldFiles] = useState<Record<string, Uploaded[]>>({});
  const [step, setStep] = useState<'edit' | 'review' | 'deflected'>('edit');
  const [check, setCheck] = useState<SafetyCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  // What the server refused (a rule the page did not know yet, a clock far off): its words per
  // field, shown next to the field until the customer changes that answer.
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  // The UID comes from the host app's identity when there is one.
  useEffect(() => {
    const s = currentSession();
    if (!s || s.visitor) return;
    api<{ uid: string | null }>('/me', { lang })
      .then((me) => {
        if (!me.uid) return;
        setAnswers((a) => (a.uid ? a : { ...a, uid: me.uid! }));
        setPrefilled((p) => new Set([...p, 'uid']));
      })
      .catch(() => {});
  }, [lang]);

  const problems = useMemo(() => {
    const out: Record<string, AnswerProblem> = {};
    const required = { problem: 'required' as const };
    if (!category) out.category = required;
    if (!title.trim()) out.title = required;
    if (!description.trim()) out.description = required;
    for (const f of fields) {
      const p = fieldProblem(f, answers[f.key] ?? '', answers, Date.now(), fieldFiles[f.key]?.length ?? 0);
      if (p) out[f.key] = p;
    }
    return out;
  }, [category, title, description, fields, answers, fieldFiles]);
  const shown = (key: string) => (touched.has(key) && problems[key] ? t('p_required') : null);
  const touch = (key: string) => setTouched((s) => new Set([...s, key]));
  const fieldText = (f: FormField): string | null => {
    if (refused[f.key]) return refused[f.key]!;
    const p = problems[f.key];
    return p && (answers[f.key] || touched.has(f.key)) ? problemText(f, p, lang) : null;
  };
  const answer = (key: string, value: string) => {
    setAnswers((a) => ({ ...a, [key]: value }));
    setRefused(({ [key]: _, ...rest }) => rest);
  };

  const review = async () => {
    setError(null);
    const stillRefused = Object.keys(refused).filter((key) => fields.some((f) => f.key === key));
    const count = new Set([...Object.keys(problems), ...stillRefused]).size;
    if (count) {
      setTouched(new Set(['category', 'title', 'description', ...fields.map((f) => f.key)]));
      setError(t('fixErrors', { n: count }));
      return;
    }
    setBusy(true);
    try {
      const texts: Record<string, string> = { title, description };
      for (const f of fields)
        if (answers[f.key] && f.type !== 'number' && f.type !== 'attachments') texts[f.key] = answers[f.key]!;
      setCheck(
        await api<SafetyCheck>('/me/safety/check', {
          method: 'POST',
          lang,
          needsSession: true,
          body: { texts },
        }),
      );
      setStep('review');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!category || !check) return;
    setBusy(true);
    setError(null);
    // Never a secret unmasked: every text the check flagged goes as its masked version.
    const masked = (key: string, value: string) => check.fields[key]?.masked ?? value;
    const sentAnswers: Record<string, string> = {};
    for (const [k, v] of Object.entries(answers)) sentAnswers[k] = masked(k, v);
    try {
      const ticket = await api<{ id: string; number: string }>('/me/tickets', {
        method: 'POST',
        lang,
        needsSession: true,
        body: {
          categoryId: category.id,
          title: masked('title', title).trim(),
          description: masked('description', description),
          fields: { ...answersForServer(fields, sentAnswers), ...fileAnswers(fields, fieldFiles) },
          attachmentIds: files.map((f) => f.id),
          idempotencyKey,
        },
      });
      postToHost({ type: 'ticket_created', ticketId: ticket.id, number: ticket.number });
      navigate(`/tickets/${ticket.id}?created=1`);
    } catch (e) {
      setBusy(false);
      if (e instanceof ApiError && e.code === 'invalid_fields' && e.fields.length) {
        // Back to the form, each refusal next to its field, the server's whole sentence above the button.
        setRefused(Object.fromEntries(e.fields.map((f) => [f.key, f.message ?? f.problem])));
        setStep('edit');
        // The category's form may have changed since the page loaded: check by the current one.
        cats.retry();
      }
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  if (step === 'deflected')
    return (
      <Layout title={t('newTitle')}>
        <p role="status">{t('thanksDeflected')}</p>
      </Layout>
    );
  if (step === 'review' && check)
    return (
      <Layout title={t('newTitle')}>
        <Summary
          check={check}
          category={category ? (lang === 'zh-CN' ? category.nameZh : category.nameEn) : ''}
          title={title}
          description={description}
          fields={fields}
          answers={answers}
          files={files}
          busy={busy}
          error={error}
          onEdit={() => setStep('edit')}
          onSubmit={submit}
        />
      </Layout>
    );

  return (
    <Layout title={t('newTitle')}>
      <h1>{t('newTitle')}</h1>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void review();
        }}
      >
        <div className="field">
          <label htmlFor="t-cat">
            {t('category')} {prefilled.has('category') && <span className="prefilled">({t('fromApp')})</span>}
          </label>
          <select
            id="t-cat"
            value={category?.code ?? ''}
            onChange={(e) => setCode(e.target.value)}
            onBlur={() => touch('category')}
          >
            <option value="">{t('chooseCategory')}</option>
            {cats.data?.items.map((c) => (
              <option key={c.id} value={c.code}>
                {lang === 'zh-CN' ? c.nameZh : c.nameEn}
              </option>
            ))}
          </select>
          {shown('category') && <span className="field-error">{shown('category')}</span>}
        </div>
        <div className="field">
          <label htmlFor="t-title">{t('title')}</label>
          <input
            id="t-title"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            onBlur={() => touch('title')}
            aria-invalid={Boolean(shown('title'))}
          />
          {shown('title') && <span className="field-error">{shown('title')}</span>}
        </div>
        <div className="field">
          <label htmlFor="t-desc">{t('description')}</label>
          <textarea
            id="t-desc"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            onBlur={() => touch('description')}
            aria-invalid={Boolean(shown('description'))}
          />
          {shown('description') && <span className="field-error">{shown('description')}</span>}
        </div>
        <Suggestions text={`${title} ${description}`} onDeflected={() => setStep('deflected')} />
        {fields.length > 0 && (
          <fieldset className="card">
            <legend>{t('checklist')}</legend>
            {fields.map((f) =>
              f.type === 'attachments' ? (
                <Attachments
                  key={f.key}
                  name={f.key}
                  legend={`${lang === 'zh-CN' ? f.labelZh : f.labelEn}${f.required ? ` (${t('required')})` : ''}`}
                  max={maxFilesOf(f)}
                  problem={fieldText(f)}
                  onChange={(done) => {
                    setFieldFiles((all) => ({ ...all, [f.key]: done }));
                    // The summary shows the files by name.
                    answer(f.key, done.map((u) => u.fileName).join(', '));
                    touch(f.key);
                  }}
                />
              ) : (
                <ChecklistField
                  key={f.key}
                  field={f}
                  value={answers[f.key] ?? ''}
                  prefilled={prefilled.has(f.key)}
                  problem={fieldText(f)}
                  onChange={(v) => answer(f.key, v)}
                  onBlur={() => touch(f.key)}
                />
              ),
            )}
          </fieldset>
        )}
        <Attachments onChange={setFiles} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('review')}
        </button>
      </form>
    </Layout>
  );
}
