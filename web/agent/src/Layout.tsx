import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useChatState } from './chat/context.tsx';
import { PresenceToggle } from './chat/PresenceToggle.tsx';
import { api } from './lib/api.ts';
import { keys } from './lib/cache.ts';
import { useT } from './lib/i18n.ts';
import { useShortcuts } from './lib/keyboard.ts';
import { href, linkHandler, navigate } from './lib/router.ts';
import { useTheme } from './lib/theme.ts';
import type { Agent, Language } from './lib/types.ts';
import { Bell } from './notifications/Bell.tsx';

/**
 * The frame around every screen. The navigation is a list so the live-chat work can add its
 * "Chats" tabs (with unread counts) and supervisors their queue view as further entries.
 */
export function Layout({ agent, children }: { agent: Agent; children: ReactNode }) {
  const t = useT();
  const client = useQueryClient();
  const [help, setHelp] = useState(false);
  const [theme, setTheme] = useTheme();
  useShortcuts({ '?': () => setHelp((h) => !h), escape: () => setHelp(false) });
  const setLanguage = useMutation({
    mutationFn: (language: Language) => api('PATCH', '/me/preferences', { language }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.me }),
  });
  const signOut = useMutation({
    mutationFn: () => api('POST', '/auth/sign-out'),
    onSettled: () => {
      client.clear();
      client.setQueryData(keys.me, null);
      navigate('/');
    },
  });
  const chats = useChatState();
  const unread = Object.values(chats.chats).reduce((n, c) => n + c.unread, 0);
  const nav = [
    { path: '/', label: t('nav.inbox') },
    { path: '/chats', label: t('nav.chats'), badge: unread },
    { path: '/macros', label: t('nav.macros') },
    ...(agent.role === 'agent'
      ? []
      : [
          { path: '/supervisor', label: t('nav.supervisor') },
          { path: '/reports', label: t('nav.reports') },
          { path: '/service-levels', label: t('nav.serviceLevels') },
        ]),
    // Writing the help center is an admin's job (the API lets only admins and help:write tokens).
    ...(agent.role === 'admin'
      ? [
          { path: '/help-center', label: t('nav.helpCenter') },
          { path: '/admin', label: t('nav.admin') },
        ]
      : []),
    // Supervisors see the admin console's teams and categories read-only, and mute/block.
    ...(agent.role === 'supervisor' ? [{ path: '/admin', label: t('nav.admin') }] : []),
    { path: '/settings', label: t('nav.settings') },
  ];
  return (
    <div className="shell">
      <header className="topbar">
        <strong className="brand">Kefu 客服</strong>
        <nav>
          {nav.map((item) => (
            <a key={item.path} href={href(item.path)} onClick={linkHandler(item.path)}>
              {item.label}
              {'badge' in item && item.badge ? (
                <span className="badge unread" data-testid="chats-unread">
                  {item.badge}
                </span>
              ) : null}
            </a>
          ))}
        </nav>
        <span className="spacer" />
        <PresenceToggle />
        <Bell />
        <span className="who" title={agent.email}>
          {agent.name} · {t(`role.${agent.role}`)}
        </span>
        <select
          aria-label={t('settings.language')}
          value={agent.language}
          onChange={(e) => setLanguage.mutate(e.target.value as Language)}
        >
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
        <button
          type="button"
          className="link theme-toggle"
          aria-pressed={theme === 'dark'}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {t('theme.dark')}
        </button>
        <button type="button" className="link" onClick={() => setHelp(true)} title="?">
          ?
        </button>
        <button type="button" onClick={() => signOut.mutate()}>
          {t('nav.signOut')}
        </button>
      </header>
      <main>{children}</main>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const t = useT();
  const rows: Array<[string, Parameters<typeof t>[0]]> = [
    ['j / k', 'keys.move'],
    ['Enter', 'keys.open'],
    ['r', 'keys.reply'],
    ['n', 'keys.note'],
    ['e', 'keys.solve'],
    ['/', 'keys.search'],
    ['?', 'keys.help'],
  ];
  return (
    <div className="overlay" role="dialog" aria-label={t('keys.title')}>
      <div className="panel">
        <h2>{t('keys.title')}</h2>
        <table>
          <tbody>
            {rows.map(([key, label]) => (
              <tr key={key}>
                <td>
                  <kbd>{key}</kbd>
                </td>
                <td>{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}
