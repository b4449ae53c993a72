import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import './channels.css';

interface Slot {
  days: number[];
  open: string;
  close: string;
}
interface Hotline {
  id: string;
  region: string;
  number: string;
  languages: string[];
  timeZone: string;
  hours: { always?: boolean; slots: Slot[] };
  openNow: boolean;
  active: boolean;
}

/** The languages a hotline is usually staffed in; shown by name, stored as codes. */
const LANGUAGE_CODES = ['zh-CN', 'zh-HK', 'en', 'ja', 'ko', 'vi', 'es', 'ru', 'tr'];
const DAYS = [1, 2, 3, 4, 5, 6, 7];

/** The hotline directory of the contact page: numbers per region, languages, opening hours. */
export function HotlinesAdmin() {
  const t = useT();
  const { language } = useLocale();
  const languageName = new Intl.DisplayNames([language], { type: 'language' });
  const regionName = new Intl.DisplayNames([language], { type: 'region' });
  const dayName = (d: number) =>
    new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, d)), // 2024-01-01 was a Monday (day 1)
    );
  const list = useQuery({
    queryKey: ['admin', 'hotlines'],
    queryFn: () => api<{ items: Hotline[] }>('GET', '/admin/hotlines'),
  });
  const [region, setRegion] = useState('');
  const [number, setNumber] = useState('');
  const [languages, setLanguages] = useState<string[]>([]);
  const [timeZone, setTimeZone] = useState('Asia/Shanghai');
  const [always, setAlways] = useState(false);
  const [days, setDays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [open, setOpen] = useState('09:00');
  const [close, setClose] = useState('18:00');
  const refresh = () => void list.refetch();
  const add = useMutation({
    mutationFn: () =>
      api('POST', '/admin/hotlines', {
        region: region.trim(),
        number: number.replace(/[\s-]/g, ''),
        languages,
        timeZone,
        hours: always ? { always: true, slots: [] } : { slots: [{ days, open, close }] },
      }),
    onSuccess: () => {
      setRegion('');
      setNumber('');
      setLanguages([]);
      refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api('PATCH', `/admin/hotlines/${id}`, { active }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/admin/hotlines/${id}`),
    onSuccess: refresh,
  });
  const hoursText = (h: Hotline['hours']) =>
    h.always
      ? t('hotlines.always')
      : h.slots.map((s) => `${s.days.map(dayName).join(' ')} ${s.open}–${s.close}`).join('; ');
  const safeRegion = (code: string) => {
    try {
      return regionName.of(code) ?? code;
    } catch {
      return code;
    }
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }

  return (
    <section className="hotlines-admin">
      <p className="muted">
        {t('hotlines.intro')} {t('hotlines.noneIn')}
      </p>
      <table className="people-table hotlines-table">
        <thead>
          <tr>
            <th>{t('hotlines.region')}</th>
            <th>{t('hotlines.number')}</th>
            <th>{t('hotlines.languages')}</th>
            <th>{t('hotlines.hours')}</th>
            <th>{t('hotlines.active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((h) => (
            <tr key={h.id} data-hotline={h.number} className={h.active ? undefined : 'disabled'}>
              <td>
                {safeRegion(h.region)} <span className="muted">{h.region}</span>
              </td>
              <td className="nowrap">{h.number}</td>
              <td>{h.languages.map((l) => languageName.of(l) ?? l).join(', ')}</td>
              <td>
                {hoursText(h.hours)} <span className="muted">({h.timeZone})</span>
                <div className={h.openNow ? 'test-ok' : 'muted'}>
                  {h.openNow ? t('hotlines.openNow') : t('hotlines.closedNow')}
                </div>
              </td>
              <td>
                <input
                  type="checkbox"
                  name="hotlineActive"
                  aria-label={`${t('hotlines.active')} ${h.number}`}
                  checked={h.active}
                  onChange={(e) => update.mutate({ id: h.id, active: e.target.checked })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="link danger"
                  onClick={() =>
                    window.confirm(t('hotlines.removeConfirm', { number: h.number })) && remove.mutate(h.id)
                  }
                >
                  {t('hotlines.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.items.length === 0 && <p className="muted">{t('hotlines.none')}</p>}
      {(update.error ?? remove.error) && <p className="error">{(update.error ?? remove.error)!.message}</p>}

      <form className="admin-form" onSubmit={submit} aria-label={t('hotlines.add')}>
        <label>
          {t('hotlines.region')}
          <input
            name="hotlineRegion"
            required
            pattern="[A-Za-z]{2}"
            maxLength={2}
            placeholder="CN"
            value={region}
            onChange={(e) => setRegion(e.target.value.toUpperCase())}
          />
        </label>
        <label>
          {t('hotlines.number')}
          <input name="hotlineNumber" required value={number} onChange={(e) => setNumber(e.target.value)} />
        </label>
        <label>
          {t('hotlines.timeZone')}
          <input
            name="hotlineTimeZone"
            required
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
          />
        </label>
        <fieldset>
          <legend>{t('hotlines.languages')}</legend>
          {LANGUAGE_CODES.map((code) => (
            <label key={code} className="inline">
              <input
                type="checkbox"
                name="hotlineLanguage"
                value={code}
                checked={languages.includes(code)}
                onChange={(e) =>
                  setLanguages((l) => (e.target.checked ? [...l, code] : l.filter((x) => x !== code)))
                }
              />
              {languageName.of(code)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('hotlines.hours')}</legend>
          <label className="inline">
            <input
              type="checkbox"
              name="hotlineAlways"
              checked={always}
              onChange={(e) => setAlways(e.target.checked)}
            />
            {t('hotlines.always')}
          </label>
          {!always &&
            DAYS.map((d) => (
              <label key={d} className="inline">
                <input
                  type="checkbox"
                  name="hotlineDay"
                  value={d}
                  checked={days.includes(d)}
                  onChange={(e) =>
                    setDays((s) => (e.target.checked ? [...s, d].sort() : s.filter((x) => x !== d)))
                  }
                />
                {dayName(d)}
              </label>
            ))}
          {!always && (
            <>
              <label className="inline">
                {t('hotlines.open')}
                <input
                  type="time"
                  name="hotlineOpen"
                  value={open}
                  onChange={(e) => setOpen(e.target.value)}
                />
              </label>
              <label className="inline">
                {t('hotlines.close')}
                <input
                  type="time"
                  name="hotlineClose"
                  value={close}
                  onChange={(e) => setClose(e.target.value)}
                />
              </label>
            </>
          )}
        </fieldset>
        <div className="row">
          <button type="submit" disabled={add.isPending || languages.length === 0}>
            {t('hotlines.add')}
          </button>
          {add.error && (
            <span className="error" role="alert">
              {add.error.message}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
