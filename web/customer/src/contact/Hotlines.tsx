import { useI18n } from '../shell/i18n.tsx';
import { Status } from '../shell/Layout.tsx';
import { useApi } from '../shell/use-api.ts';
import { useT } from '../shell/use-t.ts';
import { CONTACT_MESSAGES } from './messages.ts';
import type { Hotlines as HotlineList } from './types.ts';

const REGION_CHOICES = ['CN', 'HK', 'TW', 'SG', 'VN', 'GB', 'ES', 'US'];

/** The hotline directory for a region: open now, tap to call; a plain notice where there is none. */
export function Hotlines({ region, onRegion }: { region: string | null; onRegion(r: string): void }) {
  const t = useT(CONTACT_MESSAGES);
  const { lang } = useI18n();
  const lines = useApi<HotlineList>(region ? `/contact/hotlines?region=${region}` : null);
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  const choices = [
    ...new Set([...(region ? [region] : []), ...REGION_CHOICES, ...(lines.data?.regionsWithLines ?? [])]),
  ];
  return (
    <section id="hotlines" aria-labelledby="hl" className="card">
      <h2 id="hl">{t('hotlines')}</h2>
      <div className="field">
        <label htmlFor="region">{t('region')}</label>
        <select id="region" value={region ?? ''} onChange={(e) => onRegion(e.target.value)}>
          {choices.map((r) => (
            <option key={r} value={r}>
              {names.of(r) ?? r}
            </option>
          ))}
        </select>
      </div>
      <Status state={lines} retry={lines.retry} />
      {lines.data?.none && (
        <p role="note" className="note" data-testid="no-hotline">
          {t('noHotline', { region: names.of(lines.data.region) ?? lines.data.region })}
        </p>
      )}
      <ul className="plain">
        {lines.data?.lines.map((h) => (
          <li key={h.id} className="channel">
            <a className="action" href={h.telUrl}>
              {t('call', { number: h.number })}
            </a>{' '}
            <span className="status-pill">{h.openNow ? t('openNow') : t('closedNow')}</span>
            <p className="small">{t('languages', { languages: h.languages.join(', ') })}</p>
            {(lang === 'zh-CN' ? h.noteZh : h.noteEn) && (
              <p className="small">{lang === 'zh-CN' ? h.noteZh : h.noteEn}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
