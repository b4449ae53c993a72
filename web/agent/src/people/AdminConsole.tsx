import { BotAdmin } from '../admin-brand/BotAdmin.tsx';
import { BrandAdmin } from '../admin-brand/BrandAdmin.tsx';
import { ChannelsAdmin } from '../admin-channels/ChannelsAdmin.tsx';
import { HotlinesAdmin } from '../admin-channels/HotlinesAdmin.tsx';
import { MailAdmin } from '../admin-channels/MailAdmin.tsx';
import { OfficialChannels } from '../admin-channels/OfficialChannels.tsx';
import { DeskAdminTab, deskTabs } from '../admin-desk/tabs.tsx';
import { WebhooksAdmin } from '../admin-webhooks/WebhooksAdmin.tsx';
import { TimeRulesAdmin } from '../automations/TimeRulesAdmin.tsx';
import { TriggersAdmin } from '../automations/TriggersAdmin.tsx';
import { CustomFieldsAdmin } from '../fields/CustomFieldsAdmin.tsx';
import { useT } from '../lib/i18n.ts';
import { href, linkHandler } from '../lib/router.ts';
import type { Agent } from '../lib/types.ts';
import { AgentsAdmin } from './AgentsAdmin.tsx';
import { AuditLog } from './AuditLog.tsx';
import { TokensAdmin } from './TokensAdmin.tsx';
import { TwoFactorRule } from './TwoFactorRule.tsx';
import '../admin/admin.css';
// The tab strip's look lives with the help center's (its lazy chunk may not have loaded yet).
import '../help/help.css';
import './people.css';

const PEOPLE_TABS = [
  ['', 'admin.tab.agents'],
  ['/tokens', 'admin.tab.tokens'],
  ['/two-factor', 'admin.tab.twoFactor'],
  ['/channels', 'admin.tab.channels'],
  ['/mail', 'admin.tab.mail'],
  ['/official', 'admin.tab.official'],
  ['/hotlines', 'admin.tab.hotlines'],
  ['/brand', 'admin.tab.brand'],
  ['/bot', 'admin.tab.bot'],
  ['/audit', 'admin.tab.audit'],
  ['/triggers', 'admin.tab.triggers'],
  ['/time-rules', 'admin.tab.timeRules'],
  ['/webhooks', 'admin.tab.webhooks'],
  ['/fields', 'admin.tab.fields'],
] as const;

/**
 * The admin console: `path` is the part after /admin. Admins see every screen; supervisors only
 * the desk screens the API lets them read (deskTabs says which, and read-only where it must be).
 */
export default function AdminConsole({ path, me }: { path: string; me: Agent }) {
  const t = useT();
  const tabs = [...(me.role === 'admin' ? PEOPLE_TABS : []), ...deskTabs(me.role)];
  const tab = tabs.find(([p]) => p && path.startsWith(p))?.[0] ?? tabs[0]![0];
  return (
    <div className="sla-admin admin-console">
      <h1>{t('nav.admin')}</h1>
      <nav className="help-tabs" aria-label={t('nav.admin')}>
        {tabs.map(([p, label]) => (
          <a
            key={p}
            href={href(`/admin${p}`)}
            onClick={linkHandler(`/admin${p}`)}
            aria-current={tab === p ? 'page' : undefined}
          >
            {t(label)}
          </a>
        ))}
      </nav>
      {tab === '/channels' ? (
        <ChannelsAdmin />
      ) : tab === '/mail' ? (
        <MailAdmin />
      ) : tab === '/official' ? (
        <OfficialChannels />
      ) : tab === '/hotlines' ? (
        <HotlinesAdmin />
      ) : tab === '/brand' ? (
        <BrandAdmin />
      ) : tab === '/bot' ? (
        <BotAdmin />
      ) : tab === '/tokens' ? (
        <TokensAdmin />
      ) : tab === '/two-factor' ? (
        <TwoFactorRule />
      ) : tab === '/audit' ? (
        <AuditLog />
      ) : tab === '/triggers' ? (
        <TriggersAdmin />
      ) : tab === '/time-rules' ? (
        <TimeRulesAdmin />
      ) : tab === '/webhooks' ? (
        <WebhooksAdmin />
      ) : tab === '/fields' ? (
        <CustomFieldsAdmin />
      ) : tab === '' ? (
        <AgentsAdmin me={me} />
      ) : (
        <DeskAdminTab tab={tab} me={me} />
      )}
    </div>
  );
}
