import type { FormField } from '../contact/types.ts';
import { useI18n } from '../shell/i18n.tsx';
import { useT } from '../shell/use-t.ts';
import { TICKET_MESSAGES } from './messages.ts';
import type { Uploaded } from './upload.ts';

export interface SafetyCheck {
  secretFound: boolean;
  fields: Record<string, { kinds: string[]; masked: string }>;
}

const KIND_NAMES: Record<string, { zh: string; en: string }> = {
  mnemonic: { zh: '助记词', en: 'seed phrase' },
  private_key: { zh: '私钥', en: 'private key' },
  password: { zh: '密码', en: 'password' },
  verification_code: { zh: '验证码', en: 'verification code' },
};

/** What will be sent, as it will be sent (masked where a secret was found), before it is. */
export function Summary(props: {
  check: SafetyCheck;
  category: string;
  title: string;
  description: string;
  fields: FormField[];
  answers: Record<string, string>;
  files: Uploaded[];
  busy: boolean;
  error: string | null;
  onEdit(): void;
  onSubmit(): void;
}) {
  const t = useT(TICKET_MESSAGES);
  const { lang } = useI18n();
  const { check } = props;
  const shown = (key: string, value: string) => check.fields[key]?.masked ?? value;
  const kinds = [...new Set(Object.values(check.fields).flatMap((f) => f.kinds))]
    .map((k) => KIND_NAMES[k]?.[lang === 'zh-CN' ? 'zh' : 'en'] ?? k)
    .join(lang === 'zh-CN' ? '、' : ', ');
  return (
    <section aria-labelledby="sum">
      <h1 id="sum">{t('summaryTitle')}</h1>
      {check.secretFound && (
        <div role="alert" className="warning">
          <p>{t('secretWarning', { kinds })}</p>
          <p className="small">{t('secretMasked')}</p>
        </div>
      )}
      <dl className="card">
        <dt>{t('category')}</dt>
        <dd>{props.category}</dd>
        <dt>{t('title')}</dt>
        <dd>{shown('title', props.title)}</dd>
        <dt>{t('description')}</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{shown('description', props.description)}</dd>
        {props.fields
          .filter((f) => props.answers[f.key]?.trim())
          .map((f) => (
            <div key={f.key}>
              <dt>{lang === 'zh-CN' ? f.labelZh : f.labelEn}</dt>
              <dd>{shown(f.key, props.answers[f.key]!)}</dd>
            </div>
          ))}
        {props.files.length > 0 && (
          <>
            <dt>{t('attachments')}</dt>
            <dd>{props.files.map((f) => f.fileName).join(', ')}</dd>
          </>
        )}
      </dl>
      {props.error && (
        <p role="alert" className="error">
          {props.error}
        </p>
      )}
      <button type="button" onClick={props.onEdit} disabled={props.busy}>
        {t('edit')}
      </button>{' '}
      <button type="button" className="primary" onClick={props.onSubmit} disabled={props.busy}>
        {props.busy ? t('submitting') : t('submit')}
      </button>
    </section>
  );
}
