import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import { href, linkHandler, navigate } from '../lib/router.ts';
import type { Language } from '../lib/types.ts';
import { CategorySelect } from './CategorySelect.tsx';
import { ImageButton } from './ImageButton.tsx';
import type { HelpArticle, HelpStatus } from './types.ts';
import { useHelpStructure } from './useStructure.ts';
import { VersionHistory } from './VersionHistory.tsx';

interface Draft {
  title: string;
  slug: string;
  summary: string;
  tags: string;
  categoryId: string;
  bodyMd: string;
}
const empty: Draft = { title: '', slug: '', summary: '', tags: '', categoryId: '', bodyMd: '' };
const LANG_NAME: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

/** The article's Markdown, waited on so the preview is not asked for on every key. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/**
 * One article in one language: fields, Markdown with the server's own sanitised preview, images,
 * its translations, save / publish / unpublish, and its version history. A new article (id null)
 * may be the translation of another (`translationOf`).
 */
export function ArticleEditor(props: { id: string | null; lang?: Language; translationOf?: string | null }) {
  const t = useT();
  const client = useQueryClient();
  const structure = useHelpStructure();
  const sourceId = props.id ?? props.translationOf ?? null;
  const loaded = useQuery({
    queryKey: keys.helpArticle(sourceId ?? 'none'),
    queryFn: () => api<HelpArticle>('GET', `/help/admin/articles/${sourceId}`),
    enabled: Boolean(sourceId),
    refetchInterval: false,
  });
  const article = props.id ? loaded.data : undefined;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState('');
  const body = useRef<HTMLTextAreaElement>(null);

  // Fill the form once: from the article, or for a translation from its source (same slug and
  // category, empty text), or for a new article with the first category.
  useEffect(() => {
    if (draft) return;
    const firstCategory = structure.data?.[0]?.categories[0]?.id;
    if (props.id && loaded.data) {
      const a = loaded.data;
      setDraft({
        title: a.title,
        slug: a.slug,
        summary: a.summary,
        tags: a.tags.join(', '),
        categoryId: a.categoryId,
        bodyMd: a.bodyMd,
      });
    } else if (!props.id && props.translationOf && loaded.data) {
      setDraft({ ...empty, slug: loaded.data.slug, categoryId: loaded.data.categoryId });
    } else if (!props.id && !props.translationOf && firstCategory) {
      setDraft({ ...empty, categoryId: firstCategory });
    }
  }, [draft, props.id, props.translationOf, loaded.data, structure.data]);

  const markdown = useDebounced(draft?.bodyMd ?? '', 400);
  const preview = useQuery({
    queryKey: ['help-admin', 'preview', markdown],
    queryFn: () => api<{ html: string }>('POST', '/help/admin/preview', { bodyMd: markdown }),
    refetchInterval: false,
    placeholderData: (previous) => previous,
  });

  const save = useMutation({
    mutationFn: async (status: HelpStatus | undefined) => {
      const d = draft!;
      const fields = {
        title: d.title.trim(),
        slug: d.slug.trim(),
        summary: d.summary,
        tags: d.tags
          .split(/[,，]/)
          .map((x) => x.trim())
          .filter(Boolean),
        categoryId: d.categoryId,
        bodyMd: d.bodyMd,
        ...(status ? { status } : {}),
      };
      if (props.id)
        return api<{ id: string; version: number }>('PATCH', `/help/admin/articles/${props.id}`, fields);
      return api<{ id: string; version: number }>('POST', '/help/admin/articles', {
        ...fields,
        status: status ?? 'draft',
        lang: props.lang,
        ...(props.translationOf ? { translationOf: props.translationOf } : {}),
      });
    },
    onSuccess: (row) => {
      client.invalidateQueries({ queryKey: keys.helpAdmin });
      setNotice(t('help.saved', { version: row.version }));
      if (!props.id) navigate(`/help-center/articles/${row.id}`);
    },
  });

  // Ctrl+S / ⌘S saves without changing the status (single-key shortcuts would eat the Markdown).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (draft && !save.isPending) save.mutate(undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [draft, save]);

  if (loaded.error) return <p className="error">{loaded.error.message}</p>;
  if (!draft) return <p className="loading">…</p>;
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const previewHtml = { __html: preview.data?.html ?? '' };
  const lang = article?.lang ?? props.lang ?? 'zh-CN';
  const status = article?.status ?? 'draft';
  const others = (['zh-CN', 'en'] as const).filter((l) => l !== lang);
  const insert = (text: string) => {
    const el = body.current;
    const at = el ? el.selectionStart : draft.bodyMd.length;
    const before = draft.bodyMd.slice(0, at);
    const gap = before && !before.endsWith('\n\n') ? (before.endsWith('\n') ? '\n' : '\n\n') : '';
    set({ bodyMd: `${before}${gap}${text}\n\n${draft.bodyMd.slice(at)}` });
  };

  return (
    <section className="panel" data-testid="help-editor">
      <p className="row">
        <a href={href('/help-center')} onClick={linkHandler('/help-center')}>
          ← {t('help.back')}
        </a>
        <span className="badge" data-status={status}>
          {LANG_NAME[lang]} · {t(`help.status.${status}`)}
          {article ? ` · ${t('help.version')} ${article.version}` : ''}
        </span>
        <span className="spacer" />
        <span className="muted">{t('help.translations')}:</span>
        {others.map((other) => {
          const existing = article?.translations.find((x) => x.lang === other);
          if (existing)
            return (
              <a
                key={other}
                href={href(`/help-center/articles/${existing.id}`)}
                onClick={linkHandler(`/help-center/articles/${existing.id}`)}
              >
                {LANG_NAME[other]} · {t(`help.status.${existing.status}`)}
              </a>
            );
          return article ? (
            <a
              key={other}
              href={href(`/help-center/new/${other}/${article.id}`)}
              onClick={linkHandler(`/help-center/new/${other}/${article.id}`)}
            >
              {t('help.addTranslation', { lang: LANG_NAME[other] })}
            </a>
          ) : null;
        })}
      </p>
      <form
        className="help-editor"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(undefined);
        }}
      >
        <div className="fields">
          <label>
            {t('help.title')}
            <input
              required
              maxLength={200}
              value={draft.title}
              onChange={(e) => set({ title: e.target.value })}
            />
          </label>
          <label>
            {t('help.slug')}
            <input
              required
              pattern="[a-z0-9][a-z0-9\-]{0,99}"
              value={draft.slug}
              onChange={(e) => set({ slug: e.target.value })}
            />
          </label>
          <label>
            {t('help.summary')}
            <input maxLength={500} value={draft.summary} onChange={(e) => set({ summary: e.target.value })} />
          </label>
          <label>
            {t('help.tags')}
            <input value={draft.tags} onChange={(e) => set({ tags: e.target.value })} />
          </label>
          <label htmlFor="help-article-category">
            {t('help.category')}
            <CategorySelect
              id="help-article-category"
              label={t('help.category')}
              value={draft.categoryId}
              onChange={(categoryId) => set({ categoryId })}
            />
          </label>
          <div className="row">
            <ImageButton onUploaded={insert} />
          </div>
        </div>
        <label>
          {t('help.body')}
          <textarea ref={body} value={draft.bodyMd} onChange={(e) => set({ bodyMd: e.target.value })} />
        </label>
        <div>
          <span>{t('help.preview')}</span>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised by the server, as customers get it */}
          <div className="prose" data-testid="help-preview" dangerouslySetInnerHTML={previewHtml} />
        </div>
        <div className="actions">
          {status === 'draft' ? (
            <>
              <button type="submit" disabled={save.isPending}>
                {t('help.saveDraft')}
              </button>
              <button
                type="button"
                className="primary"
                disabled={save.isPending}
                onClick={() => save.mutate('published')}
              >
                {t('help.publish')}
              </button>
            </>
          ) : (
            <>
              <button type="submit" className="primary" disabled={save.isPending}>
                {t('common.save')}
              </button>
              <button type="button" disabled={save.isPending} onClick={() => save.mutate('draft')}>
                {t('help.unpublish')}
              </button>
            </>
          )}
          <span className="muted">{t('help.shortcutSave')}</span>
          {save.error && <span className="error">{save.error.message}</span>}
          {notice && !save.error && <output className="muted">{notice}</output>}
        </div>
      </form>
      {article && (
        <VersionHistory
          id={article.id}
          onRestored={(version) => {
            setDraft(null);
            setNotice(t('help.restored', { version }));
          }}
        />
      )}
    </section>
  );
}
