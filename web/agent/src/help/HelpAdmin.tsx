import { useT } from '../lib/i18n.ts';
import { href, linkHandler } from '../lib/router.ts';
import type { Language } from '../lib/types.ts';
import { Announcements } from './Announcements.tsx';
import { ArticleEditor } from './ArticleEditor.tsx';
import { ArticleList } from './ArticleList.tsx';
import { SearchGaps } from './SearchGaps.tsx';
import { Structure } from './Structure.tsx';
import { Synonyms } from './Synonyms.tsx';
import '../admin/admin.css';
import './help.css';

const TABS = [
  ['', 'help.tab.articles'],
  ['/structure', 'help.tab.structure'],
  ['/announcements', 'help.tab.announcements'],
  ['/synonyms', 'help.tab.synonyms'],
  ['/searches', 'help.tab.searches'],
] as const;

/**
 * The help center's admin screens (admins only, as the API): `path` is the part after
 * /help-center, so every screen and every article has its own address.
 */
export default function HelpAdmin({ path }: { path: string }) {
  const t = useT();
  const article = /^\/articles\/([\w-]+)$/.exec(path)?.[1];
  const fresh = /^\/new\/(zh-CN|en)(?:\/([\w-]+))?$/.exec(path);
  const tab = TABS.find(([p]) => p && path.startsWith(p))?.[0] ?? '';
  let screen: React.ReactNode;
  if (article) screen = <ArticleEditor key={article} id={article} />;
  else if (fresh)
    screen = (
      <ArticleEditor key={path} id={null} lang={fresh[1] as Language} translationOf={fresh[2] ?? null} />
    );
  else if (tab === '/structure') screen = <Structure />;
  else if (tab === '/announcements') screen = <Announcements />;
  else if (tab === '/synonyms') screen = <Synonyms />;
  else if (tab === '/searches') screen = <SearchGaps />;
  else screen = <ArticleList />;
  return (
    <div className="sla-admin help-admin">
      <h1>{t('nav.helpCenter')}</h1>
      <nav className="help-tabs" aria-label={t('nav.helpCenter')}>
        {TABS.map(([p, label]) => (
          <a
            key={p}
            href={href(`/help-center${p}`)}
            onClick={linkHandler(`/help-center${p}`)}
            aria-current={tab === p && !article && !fresh ? 'page' : undefined}
          >
            {t(label)}
          </a>
        ))}
      </nav>
      {screen}
    </div>
  );
}
