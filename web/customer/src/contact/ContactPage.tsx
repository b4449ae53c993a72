import { useEffect, useMemo, useState } from 'react';
import { api } from '../shell/api.ts';
import { type Lang, useI18n } from '../shell/i18n.tsx';
import { Layout, Status } from '../shell/Layout.tsx';
import { formatOpening } from '../shell/opening-time.ts';
import { Link } from '../shell/router.tsx';
import { currentSession } from '../shell/session.ts';
import { useApi } from '../shell/use-api.ts';
import { useT } from '../shell/use-t.ts';
import { Hotlines } from './Hotlines.tsx';
import { IncidentBanner } from './IncidentBanner.tsx';
import { CONTACT_MESSAGES } from './messages.ts';
import { useRegion } from './region-state.ts';
import type { Category, Channel, OfficialAccount, Options } from './types.ts';

type T = ReturnType<typeof useT<keyof (typeof CONTACT_MESSAGES)['en']>>;
const flag = (v: string | null) => v === '1' || v === 'true';

/** "Which channel suits me": the customer's situation in, a recommended channel and the others out. */
export default function ContactPage({ query }: { query: URLSearchParams }) {
  const t = useT(CONTACT_MESSAGES);
  const { lang } = useI18n();
  const cats = useApi<{ items: Category[] }>('/categories');
  const accounts = useApi<{ items: OfficialAccount[] }>('/contact/official-accounts');
  const mailTags = useApi<{ items: MailTag[] }>('/contact/mail-tags');
  const uid = useMyUid();
  const fromHost = query.get('category');
  const [categoryCode, setCategoryCode] = useState(fromHost ?? '');
  const [urgent, setUrgent] = useState(flag(query.get('urgent')));
  const [touchesAccount, setTouchesAccount] = useState(flag(query.get('account')));
  const category = cats.data?.items.find((c) => c.code === categoryCode || c.id === categoryCode) ?? null;
  // A category whose checklist asks for a TXID or ids needs evidence; the customer may say otherwise.
  const [needsEvidence, setNeedsEvidence] = useState<boolean | null>(null);
  const evidence =
    needsEvidence ?? Boolean(category?.form.fields.some((f) => f.type === 'txid' || /id$/i.test(f.key)));
  const [region, setRegion] = useRegion(query.get('region'));

  const params = new URLSearchParams({
    urgent: String(urgent),
    touchesAccount: String(touchesAccount),
    needsEvidence: String(evidence),
  });
  if (category) params.set('categoryId', category.id);
  if (region) params.set('region', region);
  const options = useApi<Options>(`/contact/options?${params}`);
  const [shown, setShown] = useState<Options | null>(null);
  useEffect(() => {
    if (options.data) setShown(options.data);
  }, [options.data]);

  const ticketHref = `/tickets/new?${passOn(query, category?.code ?? null)}`;
  // The chat gets the chosen problem type and the host app's facts too: its checklist starts from them.
  const chatHref = `/chat?${passOn(query, category?.code ?? null)}`;
  const mailto = useMemo(
    () =>
      mailtoFor(accounts.data?.items ?? [], {
        tag: category ? tagFor(mailTags.data?.items ?? [], category, lang) : null,
        category,
        lang,
        uid,
      }),
    [accounts.data, mailTags.data, category, lang, uid],
  );

  return (
    <Layout title={t('title')}>
      <h1>{t('heading')}</h1>
      <IncidentBanner />
      <form className="card" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="cat">
            {t('problemType')} {fromHost && <span className="prefilled">({t('fromApp')})</span>}
          </label>
          <select id="cat" value={category?.code ?? ''} onChange={(e) => setCategoryCode(e.target.value)}>
            <option value="">{t('chooseType')}</option>
            {cats.data?.items.map((c) => (
              <option key={c.id} value={c.code}>
                {lang === 'zh-CN' ? c.nameZh : c.nameEn}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
          {t('urgent')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={touchesAccount}
            onChange={(e) => setTouchesAccount(e.target.checked)}
          />
          {t('touchesAccount')}
        </label>
        <label className="check">
          <input type="checkbox" checked={evidence} onChange={(e) => setNeedsEvidence(e.target.checked)} />
          {t('needsEvidence')}
        </label>
      </form>
      {!shown && <Status state={options} retry={options.retry} />}
      {shown && (
        <section aria-labelledby="rec" aria-live="polite">
          <h2 id="rec">{t('recommended')}</h2>
          <ChannelCard
            t={t}
            channel={shown.recommended}
            recommended
            reason={t(`r_${shown.reason}` as never)}
            options={shown}
            links={{ ticketHref, chatHref, mailto, accounts: accounts.data?.items ?? [], query }}
          />
          <h2>{t('others')}</h2>
          {shown.options.slice(1).map((o) => (
            <ChannelCard
              key={o.channel}
              t={t}
              channel={o.channel}
              available={o.available}
              reason={o.reason === 'available' ? null : t(`r_${o.reason}` as never)}
              options={shown}
              links={{ ticketHref, chatHref, mailto, accounts: accounts.data?.items ?? [], query }}
            />
          ))}
        </section>
      )}
      <Hotlines region={region} onRegion={setRegion} />
      <p className="muted">
        {t('verifyHint')} <Link href="/verify">{t('verifyLink')}</Link> ·{' '}
        <Link href="/tickets">{t('myTickets')}</Link> · <Link href="/inbox">{t('inbox')}</Link>
      </p>
    </Layout>
  );
}

interface Links {
  ticketHref: string;
  chatHref: string;
  mailto: string | null;
  accounts: OfficialAccount[];
  query: URLSearchParams;
}

function ChannelCard(props: {
  t: T;
  channel: Channel;
  options: Options;
  links: Links;
  recommended?: boolean;
  available?: boolean;
  reason: string | null;
}) {
  const { t, channel, options, links } = props;
  const { lang } = useI18n();
  const available = props.available ?? true;
  return (
    <article
      className={`channel${props.recommended ? ' recommended' : ''}${available ? '' : ' unavailable'}`}
      data-channel={channel}
      aria-label={t(`ch_${channel}`)}
    >
      <h3>{t(`ch_${channel}`)}</h3>
      {props.reason && <p className={props.recommended ? '' : 'muted'}>{props.reason}</p>}
      <p className="small">{t(`for_${channel}`)}</p>
      <p className="small">
        <strong>{expected(t, channel, options, lang)}</strong>
      </p>
      <ChannelAction t={t} channel={channel} links={links} />
    </article>
  );
}

function expected(t: T, channel: Channel, o: Options, lang: Lang): string {
  const { chat, ticketReplyHours, hotline } = o.live;
  switch (channel) {
    case 'chat':
      if (!chat.humanOnShift && chat.opensAt)
        return t('wait_chat_closed', { when: formatOpening(chat.opensAt, lang) });
      if (!chat.humanOnShift) return t('wait_chat_off');
      if (chat.estimatedWaitSeconds !== null && chat.queueLength > 0)
        return t('wait_chat', {
          minutes: Math.max(1, Math.round(chat.estimatedWaitSeconds / 60)),
          queue: chat.queueLength,
        });
      return chat.queueLength > 0 ? t('wait_chat_unknown', { queue: chat.queueLength }) : t('wait_chat_now');
    case 'ticket':
    case 'email':
      return ticketReplyHours !== null
        ? t('wait_ticket', { hours: ticketReplyHours })
        : t('wait_ticket_unknown');
    case 'hotline':
      return !hotline.exists
        ? t('wait_hotline_none')
        : hotline.openNow
          ? t('wait_hotline_open')
          : t('wait_hotline_closed');
    case 'help':
      return t('wait_help');
    default:
      return t('wait_social');
  }
}

function ChannelAction({ t, channel, links }: { t: T; channel: Channel; links: Links }) {
  if (channel === 'chat')
    return (
      <a className="action" href={links.chatHref}>
        {t('open')}
      </a>
    );
  if (channel === 'ticket')
    return (
      <Link className="action" href={links.ticketHref}>
        {t('open')}
      </Link>
    );
  if (channel === 'email')
    return links.mailto ? (
      <a className="action" href={links.mailto}>
        {t('open')}
      </a>
    ) : null;
  if (channel === 'help')
    return (
      <Link className="action" href="/help">
        {t('open')}
      </Link>
    );
  if (channel === 'hotline')
    return (
      <a className="action" href="#hotlines">
        {t('hotlines')}
      </a>
    );
  return (
    <ul className="plain">
      {links.accounts
        .filter((a) => a.kind !== 'email')
        .map((a) => (
          <li key={`${a.kind}:${a.value}`}>
            {a.url ? (
              <a href={a.url} rel="noopener noreferrer" target="_blank">
                {a.name} (@{a.value})
              </a>
            ) : (
              <span>
                {a.name} — {t('wechatSearch', { value: a.value })}
              </span>
            )}
          </li>
        ))}
    </ul>
  );
}

/** Host-app parameters a ticket form or chat also understands, passed on as they came. */
function passOn(query: URLSearchParams, category: string | null): string {
  const out = new URLSearchParams();
  for (const [k, v] of query) if (k !== 'token' && k !== 'urgent' && k !== 'account') out.set(k, v);
  if (category) out.set('category', category);
  return out.toString();
}

interface MailTag {
  tag: string;
  categoryCode: string;
}

/**
 * The subject tag for a category, from the mail intake's own list (GET /contact/mail-tags), so a
 * mail written here is filed where the customer meant: the category's name when it is a tag, else
 * a tag in the page's script, else any of the category's tags; none when the intake has none.
 */
function tagFor(tags: MailTag[], category: Category, lang: string): string | null {
  const mine = tags.filter((t) => t.categoryCode === category.code).map((t) => t.tag);
  const name = (lang === 'zh-CN' ? category.nameZh : category.nameEn).toLowerCase();
  const cjk = (t: string) => /[\u3400-\u9fff]/.test(t);
  return mine.find((t) => t === name) ?? mine.find((t) => cjk(t) === (lang === 'zh-CN')) ?? mine[0] ?? null;
}

/** The signed-in customer's UID (from the host app's identity), for the mail template. */
function useMyUid(): string | null {
  const [uid, setUid] = useState<string | null>(null);
  useEffect(() => {
    const session = currentSession();
    if (!session || session.visitor) return;
    api<{ uid: string | null }>('/me', { lang: 'en' })
      .then((me) => setUid(me.uid))
      .catch(() => setUid(null));
  }, []);
  return uid;
}

function mailtoFor(
  accounts: OfficialAccount[],
  m: { tag: string | null; category: Category | null; lang: string; uid: string | null },
): string | null {
  const mailbox = accounts.find((a) => a.kind === 'email');
  if (!mailbox) return null;
  const zh = m.lang === 'zh-CN';
  // The bracketed tag is what the mail intake reads to file the message under its category.
  const subject = m.tag ? (zh ? `【${m.tag}】` : `[${m.tag}] `) : '';
  const fields = m.category?.form.fields ?? [];
  const isUid = (f: { key: string; type: string }) => f.type === 'uid' || f.key === 'uid';
  const checklist = fields.map(
    (f) => `${zh ? f.labelZh : f.labelEn}${f.required ? ' *' : ''}: ${isUid(f) && m.uid ? m.uid : ''}`,
  );
  // The UID is known from the app: it goes in even when the category's form does not ask for it.
  if (m.uid && !fields.some(isUid)) checklist.unshift(`UID: ${m.uid}`);
  const intro = zh
    ? '请填写以下信息（切勿填写密码、助记词或私钥）：'
    : 'Please fill in (never your password, seed phrase or private key):';
  const body = [intro, '', ...checklist].join('\n');
  return `mailto:${mailbox.value}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

export { passOn };
