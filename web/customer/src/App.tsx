import { lazy, Suspense } from 'react';
import { ArticlePage, CategoryPage, HomePage, SearchPage } from './help/pages.tsx';
import { useI18n } from './shell/i18n.tsx';
import { Layout } from './shell/Layout.tsx';
import { Link, matchRoute, type Route, useLocation } from './shell/router.tsx';

// The chat (and its socket code) loads only when opened: the help-center home keeps its budget.
const ChatPage = lazy(() => import('./chat/ChatPage.tsx').then((m) => ({ default: m.ChatPage })));

/** Every customer page. Later: /contact, /chat, /tickets, /verify join this table. */
const ROUTES: Route[] = [
  { pattern: /^\/help$/, render: () => <HomePage /> },
  { pattern: /^\/help\/search$/, render: (_p, loc) => <SearchPage q={loc.query.get('q') ?? ''} /> },
  { pattern: /^\/help\/categories\/([^/]+)$/, render: ([slug]) => <CategoryPage slug={slug!} /> },
  { pattern: /^\/help\/articles\/([^/]+)$/, render: ([slug]) => <ArticlePage slug={slug!} /> },
  {
    pattern: /^\/chat$/,
    render: (_p, loc) => (
      <Suspense fallback={null}>
        <ChatPage category={loc.query.get('category')} />
      </Suspense>
    ),
  },
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
