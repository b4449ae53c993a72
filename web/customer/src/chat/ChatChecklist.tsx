import { useEffect, useMemo, useState } from 'react';
import type { ChecklistBlock } from '../../../../shared/chat-protocol.ts';
import { maxFilesOf } from '../../../../shared/field-rules.ts';
import type { FormField } from '../contact/types.ts';
import type { Lang } from '../shell/i18n.tsx';
import { useT } from '../shell/use-t.ts';
import { Attachments } from '../tickets/Attachments.tsx';
import { ChecklistField } from '../tickets/ChecklistField.tsx';
import { TICKET_MESSAGES } from '../tickets/messages.ts';
import type { Uploaded } from '../tickets/upload.ts';
import {
  type AnswerProblem,
  answersForServer,
  fieldProblem,
  fileAnswers,
  problemText,
} from '../tickets/validate.ts';
import type { ChecklistResult } from './connection.ts';
import { chatText } from './messages.ts';

/*
 * When the checklist is asked: right AFTER the handoff to a person, not before the chat.
 * A customer whose deposit has not arrived is anxious; a form standing between them and the chat
 * feels like a wall and would delay their place in the queue. So the chat opens at once (the bot
 * may already solve it, and the host app's facts travel with the start anyway), and the checklist
 * appears the moment they ask for a person: their place in the queue is already taken, and the
 * minutes they would spend watching the queue number fill the facts the agent would otherwise ask
 * for one by one. With nobody on shift ("leave a message") it matters even more: the answer comes
 * later, and it can only be right if the facts are there. Short on a phone: the required facts and
 * the ones that identify the case (ids, hashes, what the app passed) show; the rest fold away;
 * the whole form can be skipped.
 */

const skippedKey = (ticketId: string) => `kefu.chat.checklist.skipped.${ticketId}`;

/** The facts that identify a case are worth the space; free text folds under "more". */
function isMain(f: FormField, prefilled: Set<string>): boolean {
  return (
    f.required ||
    prefilled.has(f.key) ||
    f.type === 'txid' ||
    f.type === 'select' ||
    f.type === 'number' ||
    f.type === 'amount' ||
    f.type === 'address' ||
    /id$/i.test(f.key)
  );
}

type Answer = ChecklistBlock['fields'][string];

/** A stored answer as its input shows it (an instant → the customer's local date-time). */
function asInput(f: FormField, value: Answer | undefined): string {
  // An attachments field has no text: its files are counted apart (sentFiles).
  if (value === undefined || Array.isArray(value)) return '';
  if (f.type !== 'datetime') return String(value);
  const t = Date.parse(String(value));
  if (Number.isNaN(t)) return String(value);
  const d = new Date(t);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export function ChatChecklist(props: {
  ticketId: string;
  form: FormField[];
  /** The newest checklist block of the chat's timeline. */
  latest: ChecklistBlock | null;
  /** What the host app passed in the URL (also what the server left out as invalid). */
  facts: Record<string, string>;
  result: ChecklistResult;
  lang: Lang;
  onSend(fields: ChecklistBlock['fields']): boolean;
}) {
  const { form, latest, facts, result, lang, ticketId } = props;
  const t = useT(TICKET_MESSAGES);
  const sent = latest?.by === 'customer';
  const [editing, setEditing] = useState(false);
  const [skipped, setSkipped] = useState(() => sessionStorage.getItem(skippedKey(ticketId)) === '1');
  const prefilled = useMemo(
    () => new Set([...(latest?.prefilled ?? []), ...Object.keys(facts)]),
    [latest, facts],
  );
  const initial = () => {
    const out: Record<string, string> = {};
    for (const f of form) out[f.key] = asInput(f, latest?.fields[f.key] ?? facts[f.key]);
    return out;
  };
  const [answers, setAnswers] = useState<Record<string, string>>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  // Files uploaded in this form, by attachments field; the ones an earlier send already put in the
  // conversation stay part of the answer (sentFiles), so editing never asks for them again.
  const [files, setFiles] = useState<Record<string, Uploaded[]>>({});
  const sentFiles = (key: string): string[] => {
    const v = latest?.by === 'customer' ? latest.fields[key] : undefined;
    return Array.isArray(v) ? v : [];
  };
  const fileCount = (key: string) => sentFiles(key).length + (files[key]?.length ?? 0);
  const [local, setLocal] = useState<string | null>(null);
  // After a send with problems, the alert counts what is still wrong, live, and goes when none is.
  const [triedSend, setTriedSend] = useState(false);
  // The app's block can arrive after the first render (the start's replay): fill what is still empty.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when a new block arrives
  useEffect(() => {
    setAnswers((a) => {
      const fresh = initial();
      return Object.fromEntries(form.map((f) => [f.key, a[f.key] || fresh[f.key] || '']));
    });
  }, [latest]);
  useEffect(() => {
    if (result.status === 'saved') setEditing(false);
  }, [result.status]);

  // Cheap enough to work out on every render (a form has a handful of fields).
  const problems: Record<string, AnswerProblem> = {};
  for (const f of form) {
    const p = fieldProblem(f, answers[f.key] ?? '', answers, Date.now(), fileCount(f.key));
    if (p) problems[f.key] = p;
  }

  if (sent && !editing) {
    const shown = form.filter((f) => latest?.fields[f.key] !== undefined);
    return (
      <div className="chat-banner chat-checklist-sent" data-testid="checklist-sent">
        <p>
          <strong>{chatText(lang, 'checklistSent')}</strong>{' '}
          <span className="small">
            {shown
              .map((f) => {
                const v = latest?.fields[f.key];
                const text = Array.isArray(v) ? chatText(lang, 'checklistFiles', { n: v.length }) : v;
                return `${lang === 'zh-CN' ? f.labelZh : f.labelEn} ${text}`;
              })
              .join(' · ')}
          </span>
        </p>
        <button type="button" className="link-button" onClick={() => setEditing(true)}>
          {chatText(lang, 'checklistEdit')}
        </button>
      </div>
    );
  }
  if (skipped && !editing)
    return (
      <button type="button" className="chat-checklist-open" onClick={() => setEditing(true)}>
        {chatText(lang, 'checklistOpen')}
      </button>
    );

  const main = form.filter((f) => isMain(f, prefilled));
  const more = form.filter((f) => !isMain(f, prefilled));
  const field = (f: FormField) =>
    f.type === 'attachments' ? (
      <div key={f.key}>
        {sentFiles(f.key).length > 0 && (
          <p className="small muted">
            {chatText(lang, 'checklistFilesSent', { n: sentFiles(f.key).length })}
          </p>
        )}
        <Attachments
          name={f.key}
          legend={`${lang === 'zh-CN' ? f.labelZh : f.labelEn}${f.required ? ` (${t('required')})` : ''}`}
          max={Math.max(maxFilesOf(f) - sentFiles(f.key).length, 0)}
          problem={touched.has(f.key) && problems[f.key] ? problemText(f, problems[f.key]!, lang) : null}
          onChange={(done) => {
            setFiles((all) => ({ ...all, [f.key]: done }));
            setTouched((s) => new Set([...s, f.key]));
          }}
        />
      </div>
    ) : (
      <ChecklistField
        key={f.key}
        field={f}
        value={answers[f.key] ?? ''}
        prefilled={
          prefilled.has(f.key) && answers[f.key] === asInput(f, latest?.fields[f.key] ?? facts[f.key])
        }
        problem={
          (answers[f.key] || touched.has(f.key)) && problems[f.key]
            ? problemText(f, problems[f.key]!, lang)
            : null
        }
        onChange={(v) => setAnswers((a) => ({ ...a, [f.key]: v }))}
        onBlur={() => setTouched((s) => new Set([...s, f.key]))}
      />
    );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const count = Object.keys(problems).length;
    setLocal(null);
    if (count) {
      setTouched(new Set(form.map((f) => f.key)));
      setTriedSend(true);
      return;
    }
    const uploaded = fileAnswers(form, files);
    const fileIds: Record<string, string[]> = {};
    for (const f of form) {
      const ids = [...sentFiles(f.key), ...(uploaded[f.key] ?? [])];
      if (f.type === 'attachments' && ids.length) fileIds[f.key] = ids;
    }
    if (!props.onSend({ ...answersForServer(form, answers), ...fileIds }))
      setLocal(chatText(lang, 'offlineLink'));
  };
  const stillWrong = triedSend ? Object.keys(problems).length : 0;
  const skip = () => {
    sessionStorage.setItem(skippedKey(ticketId), '1');
    setSkipped(true);
    setEditing(false);
  };
  return (
    <form className="chat-banner chat-checklist" noValidate onSubmit={submit} aria-labelledby="cl-title">
      <h2 id="cl-title" className="chat-checklist-title">
        {chatText(lang, 'checklistTitle')}
      </h2>
      <p className="small muted">{chatText(lang, 'checklistHint')}</p>
      {main.map(field)}
      {more.length > 0 && (
        <details>
          <summary>{chatText(lang, 'checklistMore')}</summary>
          {more.map(field)}
        </details>
      )}
      {(local || stillWrong > 0 || result.status === 'refused') && (
        <p role="alert" className="error">
          {local ??
            (stillWrong > 0
              ? t('fixErrors', { n: stillWrong })
              : result.status === 'refused'
                ? result.message
                : '')}
        </p>
      )}
      <div className="chat-actions">
        <button type="submit" className="primary" disabled={result.status === 'sending'}>
          {chatText(lang, result.status === 'sending' ? 'checklistSending' : 'checklistSend')}
        </button>
        <button type="button" onClick={skip}>
          {chatText(lang, 'checklistSkip')}
        </button>
      </div>
    </form>
  );
}
