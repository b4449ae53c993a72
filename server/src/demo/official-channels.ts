import type { Db } from '../db/client.ts';
import { normaliseChannel } from '../safety/channels.ts';
import type { ChannelKind } from '../safety/schema.ts';
import { officialChannels } from '../safety/schema.ts';
import { DEMO_BRAND } from './brand.ts';

/** The fictional desk's official channels (all made up; .example domains and invented handles). */
const CHANNELS: Array<{ kind: ChannelKind; value: string; name: string; note?: string }> = [
  ...DEMO_BRAND.domains.map((d) => ({
    kind: 'domain' as const,
    value: d,
    name: `${DEMO_BRAND.name} 官网 website`,
  })),
  { kind: 'email', value: DEMO_BRAND.supportEmail, name: '客服邮箱 Support mailbox' },
  {
    kind: 'email',
    value: 'noreply@lumen-exchange.example',
    name: '通知邮件 Notifications',
    note: 'Sends codes; never asks for replies',
  },
  { kind: 'phone', value: '+1 555 0100 200', name: '客服热线 Support line', note: 'Fictional 555 number' },
  {
    kind: 'telegram',
    value: 'LumenSupport',
    name: 'Telegram 官方客服',
    note: 'Our only Telegram account; we never DM first',
  },
  { kind: 'telegram', value: 'LumenAnnouncements', name: 'Telegram 公告频道 Announcements' },
  { kind: 'wechat', value: 'lumen_kefu', name: '微信公众号 WeChat official account' },
  { kind: 'weibo', value: 'LumenExchange', name: '官方微博 Weibo' },
  { kind: 'x', value: 'LumenExchange', name: 'X (Twitter)' },
];

export async function seedOfficialChannels(db: Db): Promise<void> {
  await db
    .insert(officialChannels)
    .values(CHANNELS.map((c) => ({ ...c, value: normaliseChannel(c.kind, c.value), note: c.note ?? '' })))
    .onConflictDoNothing();
}
