import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from '../db/client.ts';
import { type ImportOptions, importHelpFolder } from '../help/folder.ts';
import { renderMarkdown } from '../help/render.ts';
import { helpAnnouncements } from '../help/schema.ts';

const folder = join(dirname(fileURLToPath(import.meta.url)), 'help');

/** The demo help center: the Markdown folder next to this file, and two announcements per language. */
export async function seedDemoHelpCenter(db: Executor, files: Pick<ImportOptions, 'storage' | 'limitBytes'>) {
  await importHelpFolder(db, folder, files);
  const inDays = (d: number) => new Date(Date.now() + d * 86400_000);
  const notices = [
    {
      lang: 'zh-CN' as const,
      pinned: true,
      title: '谨防假冒客服：Lumen 客服不会索要验证码或助记词',
      body: '近期有骗子在社交平台冒充 Lumen 客服。请通过帮助中心的「官方验证」核实对方身份。',
      expiresAt: null,
    },
    {
      lang: 'zh-CN' as const,
      pinned: false,
      title: 'TRC20 网络钱包维护通知',
      body: 'TRC20 网络充提将于本周六 02:00–04:00（UTC）暂停，期间的充值会在维护结束后自动到账。',
      expiresAt: inDays(14),
    },
    {
      lang: 'en' as const,
      pinned: true,
      title: 'Beware of fake support: Lumen never asks for codes or seed phrases',
      body: 'Scammers are posing as Lumen support on social media. Check any account on the Verify page first.',
      expiresAt: null,
    },
    {
      lang: 'en' as const,
      pinned: false,
      title: 'TRC20 wallet maintenance',
      body: 'TRC20 deposits and withdrawals pause this Saturday 02:00–04:00 UTC; deposits made meanwhile are credited afterwards.',
      expiresAt: inDays(14),
    },
  ];
  await db.insert(helpAnnouncements).values(
    notices.map(({ body, ...n }) => ({
      ...n,
      bodyMd: body,
      bodyHtml: renderMarkdown(body),
      status: 'published' as const,
    })),
  );
}
