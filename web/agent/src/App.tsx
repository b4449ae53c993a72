import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { EnrolRequired } from './auth/EnrolRequired.tsx';
import { Settings } from './auth/Settings.tsx';
import { SignIn } from './auth/SignIn.tsx';
import { ChatScreen } from './chat/ChatScreen.tsx';
import './chat/chat.css';
import { ChatProvider } from './chat/context.tsx';
import { emptyFilters, type InboxFilters } from './inbox/filters.ts';
import { Inbox } from './inbox/Inbox.tsx';
import { Layout } from './Layout.tsx';
import { ApiError, api, setApiLanguage, setCsrfToken, whenSignedOut } from './lib/api.ts';
import { keys } from './lib/cache.ts';
import { LocaleContext } from './lib/i18n.ts';
import { usePath } from './lib/router.ts';
import type { Me } from './lib/types.ts';
import { InvitePage } from './people/InvitePage.tsx';
import { SetupPage } from './setup/SetupPage.tsx';
import { TicketView } from './ticket/TicketView.tsx';

// Charts and admin forms load only when a supervisor opens them, keeping the inbox bundle small.
const Reports = lazy(() => import('./reports/Reports.tsx'));
const SlaAdmin = lazy(() => import('./admin/SlaAdmin.tsx'));
const Supervisor = lazy(() => import('./chat/Supervisor.tsx'));
const HelpAdmin = lazy(() => import('./help/HelpAdmin.tsx'));
const AdminConsole = lazy(() => import('./people/AdminConsole.tsx'));
const MacrosPage = lazy(() => import('./macros/MacrosPage.tsx'));

export function App() {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: keys.me,
    queryFn: () => api<Me>('GET', '/auth/me'),
    retry: false,
    refetchInterval: 60_000,
  });
  // A desk started without the demo has no admin yet: the first-run page replaces the sign-in.
  const setup = useQuery({
    queryKey: ['setup'],
    queryFn: () => api<{ needed: boolean }>('GET', '/setup'),
    enabled: me.isError || me.data === null,
    retry: false,
  });
  useEffect(() => whenSignedOut(() => client.setQueryData(keys.me, null)), [client]);
  useEffect(() => setCsrfToken(me.data?.csrfToken ?? null), [me.data]);
  const path = usePath();
  // The inbox's filters outlive a visit to a ticket, so j/k and "back" keep the agent's place.
  const [filters, setFilters] = useState<InboxFilters>(emptyFilters);
  const [order, setOrder] = useState<string[]>([]);
  const locale = useMemo(
    () => ({
      language: me.data?.agent.language ?? (navigator.language.startsWith('zh') ? 'zh-CN' : 'en'),
      timeZone: me.data?.agent.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    }),
    [me.data],
  );
  // Errors from the server come in the agent's own language.
  setApiLanguage(locale.language);

  // Held from the moment enrolment is required until the agent has seen their recovery codes.
  const [enrolling, setEnrolling] = useState(false);
  useEffect(() => {
    if (me.data?.mustEnrolTwoFactor) setEnrolling(true);
  }, [me.data]);

  const inviteToken = /^\/invite\/(kfi_[\w-]+)$/.exec(path)?.[1];
  let screen: React.ReactNode;
  if (me.isPending) screen = <p className="loading">…</p>;
  else if (inviteToken && !me.data) screen = <InvitePage token={inviteToken} />;
  else if (!me.data && setup.data?.needed) {
    screen = (
      <SetupPage
        onDone={() => {
          client.setQueryData(['setup'], { needed: false });
          void client.invalidateQueries({ queryKey: keys.me });
        }}
      />
    );
  } else if (!me.data || (me.error instanceof ApiError && me.error.status === 401)) {
    if (setup.isPending && setup.fetchStatus !== 'idle') screen = <p className="loading">…</p>;
    else screen = <SignIn onSignedIn={() => client.invalidateQueries({ queryKey: keys.me })} />;
  } else if (enrolling || me.data.mustEnrolTwoFactor) {
    screen = <EnrolRequired agent={me.data.agent} onDone={() => setEnrolling(false)} />;
  } else {
    const agent = me.data.agent;
    const ticketRef = /^\/tickets\/([\w-]+)$/.exec(path)?.[1];
    const chatRoute = /^\/chats(?:\/([\w-]+))?$/.exec(path);
    screen = (
      <ChatProvider key={agent.id}>
        <Layout agent={agent}>
          {chatRoute ? (
            <ChatScreen me={agent} open={chatRoute[1] ?? null} />
          ) : path === '/supervisor' && agent.role !== 'agent' ? (
            <Suspense fallback={<p className="loading">…</p>}>
              <Supervisor />
            </Suspense>
          ) : ticketRef ? (
            <TicketView key={ticketRef} ticketRef={ticketRef} me={agent} order={order} />
          ) : path === '/macros' ? (
            <Suspense fallback={<p className="loading">…</p>}>
              <MacrosPage me={agent} />
            </Suspense>
          ) : path === '/settings' ? (
            <Settings agent={agent} />
          ) : path === '/reports' && agent.role !== 'agent' ? (
            <Suspense fallback={<p className="loading">…</p>}>
              <Reports />
            </Suspense>
          ) : path === '/service-levels' && agent.role !== 'agent' ? (
            <Suspense fallback={<p className="loading">…</p>}>
              <SlaAdmin agent={agent} />
            </Suspense>
          ) : /^\/help-center(\/|$)/.test(path) && agent.role === 'admin' ? (
            <Suspense fallback={<p className="loading">…</p>}>
              <HelpAdmin path={path.slice('/help-center'.length)} />
            </Suspense>
          ) : /^\/admin(\/|$)/.test(path) && agent.role !== 'agent' ? (
            <Suspense fallback={<p className="loading">…</p>}>
              <AdminConsole path={path.slice('/admin'.length)} me={agent} />
            </Suspense>
          ) : (
            <Inbox me={agent} filters={filters} onFilters={setFilters} onOrder={setOrder} />
          )}
        </Layout>
      </ChatProvider>
    );
  }
  return <LocaleContext.Provider value={locale}>{screen}</LocaleContext.Provider>;
}
