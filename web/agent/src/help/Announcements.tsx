import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { Language } from '../lib/types.ts';
import { ImageButton } from './ImageButton.tsx';
import type { HelpAnnouncement, HelpStatus } from './types.ts';

interface Draft {
  lang: Language;
  title: string;
  bodyMd: string;
  pinned: boolean;
  status: HelpStatus;
  /** datetime-local values (the admin's browser time); empty expiry: never. */
  startsAt: string;
  expiresAt: string;
}

/** An ISO instant as a datetime-local value in the browser's time, and back. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

/** 公告: announcements on the help-center home, pinned first, hidden after their expiry. */
export function Announcements() {
  const t = useT();
  const locale = useLocale();
  const list = useQuery({
    queryKey: keys.helpAnnouncements,
    queryFn: () => api<{ announcements: HelpAnnouncement[] }>('GET', '/help/admin/announcements'),
    select: (d) => d.announcements,
  });
  const [editing, setEditing] = useState<{ id: string | null; draft: Draft } | null>(null);
  const blank: Draft = {
    lang: locale.language,
    title: '',
    bodyMd: '',
    pinned: false,
    status: 'published',
    startsAt: toLocalInput(new Date().toISOString()),
    expiresAt: '',
  };
  const now = Date.now();
  return (
    <section className="panel" data-testid="help-announcements">
      <div className="row">
        <span className="spacer" />
        <button type="button" onClick={() => setEditing({ id: null, draft: blank })}>
          {t('help.addAnnouncement')}
        </button>
      </div>
      <table className="grid compact">
        <thead>
          <tr>
            <th>{t('help.title')}</th>
            <th>{t('help.language')}</th>
            <th>{t('help.status')}</th>
            <th>{t('help.startsAt')}</th>
            <th>{t('help.expiresAt')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.map((a) => {
            const expired = a.expiresAt !== null && new Date(a.expiresAt).getTime() < now;
            return (
              <tr key={a.id} className={expired ? 'muted' : ''}>
                <td>
                  {a.pinned && <span className="badge">{t('help.pinned')}</span>} {a.title}
                </td>
                <td>{a.lang === 'zh-CN' ? '中文' : 'English'}</td>
                <td>
                  {t(`help.status.${a.status}`)}{' '}
                  {expired && <span className="badge">{t('help.expired')}</span>}
                </td>
                <td>{formatTime(a.startsAt, locale)}</td>
                <td>{a.expiresAt ? formatTime(a.expiresAt, locale) : t('help.never')}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      setEditing({
                        id: a.id,
                        draft: {
                          lang: a.lang,
                          title: a.title,
                          bodyMd: a.bodyMd,
                          pinned: a.pinned,
                          status: a.status,
                          startsAt: toLocalInput(a.startsAt),
                          expiresAt: toLocalInput(a.expiresAt),
                        },
                      })
                    }
                  >
                    {t('admin.edit')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editing && (
        <AnnouncementForm
          key={editing.id ?? 'new'}
          id={editing.id}
          initial={editing.draft}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function AnnouncementForm(props: { id: string | null; initial: Draft; onDone: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const [d, setD] = useState(props.initial);
  // The form opens where the admin was: put the cursor in its first field.
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        lang: d.lang,
        title: d.title.trim(),
        bodyMd: d.bodyMd,
        pinned: d.pinned,
        status: d.status,
        ...(d.startsAt ? { startsAt: fromLocalInput(d.startsAt) } : {}),
        expiresAt: fromLocalInput(d.expiresAt),
      };
      return props.id
        ? api('PATCH', `/help/admin/announcements/${props.id}`, body)
        : api('POST', '/help/admin/announcements', body);
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.helpAnnouncements });
      props.onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="admin-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && props.onDone()}>
      <label>
        {t('help.title')}
        <input
          required
          ref={first}
          maxLength={200}
          value={d.title}
          onChange={(e) => set({ title: e.target.value })}
        />
      </label>
      <label>
        {t('help.language')}
        <select value={d.lang} onChange={(e) => set({ lang: e.target.value as Language })}>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>
        {t('help.status')}
        <select value={d.status} onChange={(e) => set({ status: e.target.value as HelpStatus })}>
          <option value="draft">{t('help.status.draft')}</option>
          <option value="published">{t('help.status.published')}</option>
        </select>
      </label>
      <label>
        {t('help.startsAt')}
        <input type="datetime-local" value={d.startsAt} onChange={(e) => set({ startsAt: e.target.value })} />
      </label>
      <label>
        {t('help.expiresAt')}
        <input
          type="datetime-local"
          value={d.expiresAt}
          onChange={(e) => set({ expiresAt: e.target.value })}
        />
      </label>
      <label className="inline">
        <input type="checkbox" checked={d.pinned} onChange={(e) => set({ pinned: e.target.checked })} />
        {t('help.pin')}
      </label>
      <label className="wide">
        {t('help.body')}
        <textarea rows={4} value={d.bodyMd} onChange={(e) => set({ bodyMd: e.target.value })} />
      </label>
      <div className="row wide">
        {/* The picture is public while the announcement is live (published, started, not expired). */}
        <ImageButton
          onUploaded={(markdown) =>
            setD((x) => ({
              ...x,
              bodyMd: x.bodyMd.trim() ? `${x.bodyMd.trimEnd()}\n\n${markdown}\n` : `${markdown}\n`,
            }))
          }
        />
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('common.cancel')}
        </button>
        {save.error && <span className="error">{save.error.message}</span>}
      </div>
    </form>
  );
}
