import { useState } from 'react';
import { ApiError, api } from '../shell/api.ts';
import { useBrand } from '../shell/brand.tsx';
import { useI18n } from '../shell/i18n.tsx';
import { Layout } from '../shell/Layout.tsx';
import { useT } from '../shell/use-t.ts';
import { VERIFY_MESSAGES } from './messages.ts';

interface Verdict {
  verdict: 'official' | 'lookalike' | 'unknown';
  kind: string;
  official: { kind: string; value: string; name: string } | null;
  reason: string;
}

/** Is this really you? Public: works in any browser, without the app or a sign-in. */
export default function VerifyPage({ initial }: { initial: string }) {
  const t = useT(VERIFY_MESSAGES);
  const { lang } = useI18n();
  const brand = useBrand();
  // The admin's own words when set (plain text: React escapes it, line breaks kept by CSS).
  const intro = brand?.verifyIntro[lang] || t('intro');
  const [value, setValue] = useState(initial);
  const [result, setResult] = useState<Verdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    if (!value.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult(
        await api<Verdict>(`/verify?value=${encodeURIComponent(value.trim())}&lang=${lang}`, { lang }),
      );
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const headline = (r: Verdict) =>
    r.verdict === 'official'
      ? t('official')
      : r.verdict === 'lookalike'
        ? r.official
          ? t('lookalike', { name: r.official.value })
          : t('lookalikeNoName')
        : t('unknown');
  return (
    <Layout title={t('title')}>
      <h1>{t('title')}</h1>
      <p className="verify-intro">{intro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <div className="field">
          <label htmlFor="v-value">{t('label')}</label>
          <input
            id="v-value"
            value={value}
            maxLength={500}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('checking') : t('check')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && (
        <section role="status" className={`card verdict-${result.verdict}`} data-verdict={result.verdict}>
          <h2>{headline(result)}</h2>
          <p>{result.reason}</p>
          {result.verdict === 'unknown' && <p>{t('unknownAdvice')}</p>}
          {result.verdict === 'lookalike' && result.official && (
            <p>{t('officialIs', { value: result.official.value })}</p>
          )}
        </section>
      )}
    </Layout>
  );
}
