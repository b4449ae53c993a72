import { useState } from 'react';
import { api } from '../shell/api.ts';
import { useI18n } from '../shell/i18n.tsx';
import { Layout, Status } from '../shell/Layout.tsx';
import { Link } from '../shell/router.tsx';
import { useApi } from '../shell/use-api.ts';
import { LangMark } from './LangMark.tsx';
import { SearchBox } from './SearchBox.tsx';
import type { Article, ArticleRef, Category, Home, SearchHit } from './types.ts';

const BackLink = ({ href }: { href: string }) => {
  const { t } = useI18n();
  return (
    <Link href={href} className="back" aria-label={t('back')}>
      ‹
    </Link>
  );
};

function ContactFooter() {
  const { t } = useI18n();
  return (
    <aside className="contact" aria-label={t('stillNeedHelp')}>
      <span>{t('stillNeedHelp')}</span> <a href="/contact">{t('contactUs')} →</a>
    </aside>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const home = useApi<Home>('/help/home');
  return (
    <Layout title={t('helpCenter')}>
      <h1 className="sr-only">{t('helpCenter')}</h1>
      <SearchBox />
      <Status state={home} retry={home.retry} />
      {home.data && home.data.announcements.length > 0 && (
        <section aria-labelledby="ann" className="card">
          <h2 id="ann">{t('announcements')}</h2>
          <ul className="plain">
            {home.data.announcements.map((a) => (
              <li key={a.id} className="announcement">
                {a.pinned && <span className="badge">{t('pinned')}</span>} <strong>{a.title}</strong>
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised by the server */}
                <div className="ann-body" dangerouslySetInnerHTML={{ __html: a.html }} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {home.data?.sections.map((s) => (
        <section key={s.slug} aria-labelledby={`s-${s.slug}`}>
          <h2 id={`s-${s.slug}`}>{s.title}</h2>
          <ul className="grid">
            {s.categories.map((c) => (
              <li key={c.id}>
                <Link href={`/help/categories/${c.slug}`} className="tile">
                  <strong>{c.title}</strong>
                  <span>{c.description}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <ContactFooter />
    </Layout>
  );
}

function ArticleList({ items }: { items: ArticleRef[] }) {
  return (
    <ul className="list">
      {items.map((a) => (
        <li key={a.id}>
          <Link href={`/help/articles/${a.slug}`}>
            <strong lang={a.lang}>
              {a.title} <LangMark article={a} />
            </strong>
            {a.summary && <span>{a.summary}</span>}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function CategoryPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const page = useApi<{ category: Category; articles: ArticleRef[] }>(
    `/help/categories/${encodeURIComponent(slug)}`,
  );
  return (
    <Layout title={t('helpCenter')} page={page.data?.category.title} back={<BackLink href="/help" />}>
      <Status state={page} retry={page.retry} />
      {page.data && (
        <>
          <h1>{page.data.category.title}</h1>
          <p className="muted">{page.data.category.description}</p>
          <ArticleList items={page.data.articles} />
        </>
      )}
      <ContactFooter />
    </Layout>
  );
}

export function SearchPage({ q }: { q: string }) {
  const { t, lang } = useI18n();
  const res = useApi<{ results: SearchHit[] }>(
    q ? `/help/search?q=${encodeURIComponent(q)}&lang=${lang}` : null,
  );
  return (
    <Layout title={t('helpCenter')} page={t('searchResultsFor', { q })} back={<BackLink href="/help" />}>
      <SearchBox initial={q} />
      <h1 className="h-small">{t('searchResultsFor', { q })}</h1>
      <Status state={res} retry={res.retry} />
      {res.data && res.data.results.length === 0 && <p>{t('noResults')}</p>}
      <ul className="list">
        {res.data?.results.map((r) => (
          <li key={r.id}>
            <Link href={`/help/articles/${r.slug}`}>
              <strong lang={r.lang}>
                {r.title} <LangMark article={r} />
              </strong>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by the server, only <mark> added */}
              <span className="snippet" dangerouslySetInnerHTML={{ __html: r.snippet }} />
            </Link>
          </li>
        ))}
      </ul>
      <ContactFooter />
    </Layout>
  );
}

export function ArticlePage({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const page = useApi<Article>(`/help/articles/${encodeURIComponent(slug)}`);
  const [voted, setVoted] = useState<boolean | null>(null);
  const a = page.data;
  const vote = async (helpful: boolean) => {
    if (!a) return;
    await api(`/help/articles/${a.id}/vote`, { method: 'POST', body: { helpful }, lang, needsSession: true });
    setVoted(helpful);
  };
  const current = voted ?? a?.myVote ?? null;
  return (
    <Layout title={t('helpCenter')} page={a?.title} back={<BackLink href="/help" />}>
      <Status state={page} retry={page.retry} />
      {a && (
        <article lang={a.lang}>
          <h1>{a.title}</h1>
          {a.fallback && <p className="note">{t('otherLanguage')}</p>}
          <p className="muted small">
            {t('updated', { date: new Date(a.updatedAt).toLocaleDateString(lang) })}
          </p>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised by the server */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: a.html }} />
        </article>
      )}
      {a && (
        <section className="card vote" aria-labelledby="vote-q">
          <h2 id="vote-q" className="h-small">
            {t('wasHelpful')}
          </h2>
          <div className="buttons">
            <button type="button" aria-pressed={current === true} onClick={() => vote(true)}>
              {t('yes')}
            </button>
            <button type="button" aria-pressed={current === false} onClick={() => vote(false)}>
              {t('no')}
            </button>
          </div>
          {voted !== null && (
            <p role="status" className="muted">
              {t('thanks')}
            </p>
          )}
        </section>
      )}
      <ContactFooter />
    </Layout>
  );
}
