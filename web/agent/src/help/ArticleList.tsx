import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, queryString } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import { useShortcuts } from '../lib/keyboard.ts';
import { href, linkHandler, navigate } from '../lib/router.ts';
import { CategorySelect } from './CategorySelect.tsx';
import type { HelpArticleRow } from './types.ts';
import { titleOf } from './types.ts';
import { useHelpStructure } from './useStructure.ts';

interface ArticlePage {
  articles: HelpArticleRow[];
  total: number;
  nextOffset: number | null;
}

/** Articles, drafts included, with filters, a page at a time ("more"); "/" focuses the search box. */
export function ArticleList() {
  const t = useT();
  const locale = useLocale();
  const structure = useHelpStructure();
  const [filters, setFilters] = useState({ status: '', lang: '', categoryId: '', q: '' });
  const search = useRef<HTMLInputElement>(null);
  useShortcuts({
    '/': () => search.current?.focus(),
    n: () => navigate(`/help-center/new/${locale.language}`),
  });
  const articles = useInfiniteQuery({
    queryKey: keys.helpArticles(filters),
    queryFn: ({ pageParam }) =>
      api<ArticlePage>(
        'GET',
        `/help/admin/articles${queryString({ ...filters, offset: pageParam || undefined })}`,
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
    placeholderData: keepPreviousData,
  });
  const total = articles.data?.pages.at(-1)?.total ?? 0;
  const set = (patch: Partial<typeof filters>) => setFilters((f) => ({ ...f, ...patch }));
  const client = useQueryClient();
  // Ordering needs the whole category in view: one category, no other filter, every page loaded,
  // and its own rows (not the previous list still shown while the filtered one loads).
  const canOrder =
    Boolean(filters.categoryId && !filters.q && !filters.status && !filters.lang) &&
    !articles.isPlaceholderData &&
    !articles.hasNextPage;
  const rows = articles.data?.pages.flatMap((p) => p.articles);
  // Translations move together: the order is one of translation groups.
  const groups = [...new Set((rows ?? []).map((a) => a.translationGroup))];
  const reorder = useMutation({
    mutationFn: (order: string[]) =>
      api('POST', '/help/admin/articles/reorder', {
        ids: order.flatMap((g) => (rows ?? []).filter((a) => a.translationGroup === g).map((a) => a.id)),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.helpAdmin }),
  });
  const move = (group: string, by: -1 | 1) => {
    const at = groups.indexOf(group);
    const next = [...groups];
    next.splice(at, 1);
    next.splice(at + by, 0, group);
    reorder.mutate(next);
  };
  const category = (id: string) =>
    titleOf(
      structure.data?.flatMap((s) => s.categories).find((c) => c.id === id),
      locale.language,
    );
  return (
    <section className="panel" data-testid="help-articles">
      <div className="help-filters">
        <input
          ref={search}
          type="search"
          aria-label={t('help.search')}
          placeholder={t('help.search')}
          value={filters.q}
          onChange={(e) => set({ q: e.target.value })}
        />
        <select
          aria-label={t('help.status')}
          value={filters.status}
          onChange={(e) => set({ status: e.target.value })}
        >
          <option value="">{`${t('help.status')}: ${t('common.any')}`}</option>
          <option value="draft">{t('help.status.draft')}</option>
          <option value="published">{t('help.status.published')}</option>
        </select>
        <select
          aria-label={t('help.language')}
          value={filters.lang}
          onChange={(e) => set({ lang: e.target.value })}
        >
          <option value="">{`${t('help.language')}: ${t('common.any')}`}</option>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
        <CategorySelect
          label={t('help.category')}
          value={filters.categoryId}
          onChange={(categoryId) => set({ categoryId })}
          empty={`${t('help.category')}: ${t('common.any')}`}
        />
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          onClick={() => navigate(`/help-center/new/${locale.language}`)}
        >
          {t('help.new')}
        </button>
      </div>
      {articles.error && <p className="error">{articles.error.message}</p>}
      <table className="grid compact">
        <thead>
          <tr>
            <th>{t('help.title')}</th>
            <th>{t('help.language')}</th>
            <th>{t('help.category')}</th>
            <th>{t('help.status')}</th>
            <th>{t('help.version')}</th>
            <th>{t('help.views')}</th>
            <th>{t('help.helpful')}</th>
            <th>{t('help.updated')}</th>
            {canOrder && <th />}
          </tr>
        </thead>
        <tbody>
          {rows?.map((a) => (
            <tr key={a.id}>
              <td>
                <a
                  href={href(`/help-center/articles/${a.id}`)}
                  onClick={linkHandler(`/help-center/articles/${a.id}`)}
                >
                  {a.title}
                </a>
                {a.tags.length > 0 && <span className="muted"> · {a.tags.join(', ')}</span>}
              </td>
              <td>{a.lang === 'zh-CN' ? '中文' : 'English'}</td>
              <td>{category(a.categoryId)}</td>
              <td>
                <span className="badge" data-status={a.status}>
                  {t(`help.status.${a.status}`)}
                </span>
              </td>
              <td>{a.version}</td>
              <td>{a.viewCount}</td>
              <td>
                {a.helpfulYes} / {a.helpfulYes + a.helpfulNo}
              </td>
              <td>{formatTime(a.updatedAt, locale)}</td>
              {canOrder && (
                <td>
                  <button
                    type="button"
                    className="link"
                    disabled={groups.indexOf(a.translationGroup) === 0 || reorder.isPending}
                    onClick={() => move(a.translationGroup, -1)}
                  >
                    {t('help.moveUp')}
                  </button>{' '}
                  <button
                    type="button"
                    className="link"
                    disabled={groups.indexOf(a.translationGroup) === groups.length - 1 || reorder.isPending}
                    onClick={() => move(a.translationGroup, 1)}
                  >
                    {t('help.moveDown')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {rows?.length === 0 && <p className="muted">{t('help.noArticles')}</p>}
      {rows && rows.length > 0 && (
        <nav className="pager" data-testid="help-articles-pager">
          <span className="muted">{t('help.shown', { shown: rows.length, total })}</span>
          {articles.hasNextPage && (
            <button
              type="button"
              disabled={articles.isFetchingNextPage}
              onClick={() => articles.fetchNextPage()}
            >
              {articles.isFetchingNextPage ? t('help.loadingMore') : t('help.more')}
            </button>
          )}
        </nav>
      )}
    </section>
  );
}
