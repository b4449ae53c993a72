import { ArticlePage, CategoryPage, HomePage, SearchPage } from './help/pages.tsx';
import { useI18n } from './shell/i18n.tsx';
import { Layout } from './shell/Layout.tsx';
import { Link, matchRoute, type Route, useLocation } from './shell/router.tsx';

/** Every customer page. Later: /contact, /chat, /tickets, /verify join this table. */
const ROUTES: Route[] = [
  { pattern: /^\/help$/, render: () => <HomePage /> },
  { pattern: /^\/help\/search$/, render: (_p, loc) => <SearchPage q={loc.query.get('q') ?? ''} /> },
  { pattern: /^\/help\/categories\/([^/]+)$/, render: ([slug]) => <CategoryPage slug={slug!} /> },
  { pattern: /^\/help\/articles\/([^/]+)$/, render: ([slug]) => <ArticlePage slug={slug!} /> },
];

function NotFound() {
  const { t } = useI18n();
  return (
    <Layout title={t('notFound')}>
      <h1>{t('notFound')}</h1>
      <Link href="/help">{t('backHome')}</Link>
    </Layout>
  );
}

export function App() {
  const loc = useLocation();
  return matchRoute(ROUTES, loc) ?? <NotFound />;
}
