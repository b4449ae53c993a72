import { lazy, Suspense } from 'react';
import { ArticlePage, CategoryPage, HomePage, SearchPage } from './help/pages.tsx';
import { useI18n } from './shell/i18n.tsx';
import { Layout } from './shell/Layout.tsx';
import { Link, matchRoute, type Route, useLocation } from './shell/router.tsx';

// Everything but the help center loads on demand, so the help-center home stays within its budget.
const ContactPage = lazy(() => import('./contact/ContactPage.tsx'));
const NewTicketPage = lazy(() => import('./tickets/NewTicketPage.tsx'));
const MyTicketsPage = lazy(() => import('./tickets/MyTicketsPage.tsx'));
const TicketPage = lazy(() => import('./tickets/TicketPage.tsx'));
const InboxPage = lazy(() => import('./tickets/InboxPage.tsx'));
const VerifyPage = lazy(() => import('./verify/VerifyPage.tsx'));
const RatePage = lazy(() => import('./verify/RatePage.tsx'));

// The chat (and its socket code) loads only when opened, like the others.
const ChatPage = lazy(() => import('./chat/ChatPage.tsx').then((m) => ({ default: m.ChatPage })));

/** Every customer page. */
const ROUTES: Route[] = [
  { pattern: /^\/help$/, render: () => <HomePage /> },
  { pattern: /^\/help\/search$/, render: (_p, loc) => <SearchPage q={loc.query.get('q') ?? ''} /> },
  { pattern: /^\/help\/categories\/([^/]+)$/, render: ([slug]) => <CategoryPage slug={slug!} /> },
  { pattern: /^\/help\/articles\/([^/]+)$/, render: ([slug]) => <ArticlePage slug={slug!} /> },
  { pattern: /^\/contact$/, render: (_p, loc) => <ContactPage query={loc.query} /> },
  { pattern: /^\/tickets\/new$/, render: (_p, loc) => <NewTicketPage query={loc.query} /> },
  { pattern: /^\/tickets$/, render: () => <MyTicketsPage /> },
  { pattern: /^\/tickets\/([^/]+)$/, render: ([id]) => <TicketPage id={id!} /> },
  { pattern: /^\/inbox$/, render: () => <InboxPage /> },
  { pattern: /^\/verify$/, render: (_p, loc) => <VerifyPage initial={loc.query.get('value') ?? ''} /> },
  {
    pattern: /^\/rate\/([^/]+)$/,
    render: ([token], loc) => <RatePage token={token!} score={loc.query.get('score')} />,
  },
  {
    pattern: /^\/chat$/,
    render: (_p, loc) => <ChatPage category={loc.query.get('category')} query={loc.query} />,
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

function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" aria-live="polite">
      {t('loading')}
    </p>
  );
}

export function App() {
  const loc = useLocation();
  return <Suspense fallback={<Loading />}>{matchRoute(ROUTES, loc) ?? <NotFound />}</Suspense>;
}
