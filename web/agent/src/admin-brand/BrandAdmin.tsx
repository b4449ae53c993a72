import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { contrast, DARK_TEXT, LIGHT_TEXT, MIN_CONTRAST } from '../../../../shared/brand-colours.ts';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import './brand.css';
import { SaveRow, WordsPerLanguage } from './parts.tsx';

interface Brand {
  name: string;
  nameZh: string;
  primaryColour: string | null;
  accentColour: string | null;
  verifyIntro: { 'zh-CN': string; en: string };
}

/** The built-in colours of the customer pages (web/customer theme.css), shown until one is chosen. */
const BUILT_IN = { primaryColour: '#0b6bcb', accentColour: '#5aa9ff' } as const;
const HEX = /^#[0-9a-fA-F]{6}$/;

/** One colour: a picker and its hex, with the contrast the customer pages will get. */
function ColourField({
  name,
  label,
  value,
  text,
  onChange,
}: {
  name: 'primaryColour' | 'accentColour';
  label: string;
  value: string | null;
  text: string;
  onChange(value: string | null): void;
}) {
  const t = useT();
  const shown = value ?? BUILT_IN[name];
  const valid = HEX.test(shown);
  const ratio = valid ? contrast(shown, text) : 0;
  return (
    <fieldset className="brand-colour">
      <legend>{label}</legend>
      <input
        type="color"
        aria-label={label}
        value={valid ? shown.toLowerCase() : BUILT_IN[name]}
        onChange={(e) => onChange(e.target.value)}
      />
      <input
        name={name}
        aria-label={`${label} (hex)`}
        value={shown}
        maxLength={7}
        pattern="#[0-9a-fA-F]{6}"
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="brand-sample" style={valid ? { background: shown, color: text } : undefined}>
        {t('brand.sample')}
      </span>
      <span className={ratio >= MIN_CONTRAST ? 'ok' : 'error'} data-contrast={name}>
        {t(ratio >= MIN_CONTRAST ? 'brand.contrastOk' : 'brand.contrastLow', { ratio })}
      </span>
      {value && (
        <button type="button" className="link" onClick={() => onChange(null)}>
          {t('brand.builtIn')}
        </button>
      )}
    </fieldset>
  );
}

/** The brand on the customer pages: its name, its colours (contrast checked), the verify page's words. */
export function BrandAdmin() {
  const t = useT();
  const current = useQuery({ queryKey: ['brand'], queryFn: () => api<Brand>('GET', '/brand') });
  const [draft, setDraft] = useState<Brand | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (current.data && !draft) setDraft(current.data);
  }, [current.data, draft]);
  const save = useMutation({
    mutationFn: (brand: Brand) => api<Brand>('PUT', '/admin/brand', brand),
    onSuccess: (saved) => {
      setDraft(saved);
      setNotice(t('brand.saved'));
    },
  });
  if (!draft) return current.error ? <p className="error">{current.error.message}</p> : null;
  const set = (patch: Partial<Brand>) => {
    setNotice(null);
    setDraft({ ...draft, ...patch });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft);
  };
  return (
    <section className="brand-admin">
      <p className="muted">{t('brand.intro')}</p>
      <form className="admin-form" onSubmit={submit} aria-label={t('admin.tab.brand')}>
        <label>
          {t('brand.name')}
          <input
            name="brandName"
            required
            maxLength={100}
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        <label>
          {t('brand.nameZh')}
          <input
            name="brandNameZh"
            maxLength={100}
            value={draft.nameZh}
            onChange={(e) => set({ nameZh: e.target.value })}
          />
        </label>
        <ColourField
          name="primaryColour"
          label={t('brand.primary')}
          value={draft.primaryColour}
          text={LIGHT_TEXT}
          onChange={(primaryColour) => set({ primaryColour })}
        />
        <ColourField
          name="accentColour"
          label={t('brand.accent')}
          value={draft.accentColour}
          text={DARK_TEXT}
          onChange={(accentColour) => set({ accentColour })}
        />
        <WordsPerLanguage
          name="verifyIntro"
          legend={t('brand.verifyIntro')}
          hint={t('brand.verifyIntroHint')}
          value={draft.verifyIntro}
          onChange={(verifyIntro) => set({ verifyIntro })}
        />
        <SaveRow pending={save.isPending} notice={notice} error={save.error}>
          <a href="/verify" target="_blank" rel="noreferrer">
            {t('brand.open')}
          </a>
        </SaveRow>
      </form>
    </section>
  );
}
