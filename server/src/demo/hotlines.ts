import { hotlines } from '../contact/schema.ts';
import type { Db } from '../db/client.ts';

const WEEKDAYS = [1, 2, 3, 4, 5];

/**
 * The demo desk's phone lines (fictional numbers in reserved-looking ranges). Like the seed
 * document's exchange, there is no line for mainland China: the contact page must say so.
 */
export async function seedDemoHotlines(db: Db) {
  await db.insert(hotlines).values([
    {
      region: 'HK',
      number: '+85230010001',
      languages: ['zh-HK', 'zh-CN', 'en'],
      timeZone: 'Asia/Hong_Kong',
      hours: { slots: [{ days: WEEKDAYS, open: '09:00', close: '21:00' }] },
      noteZh: '粤语、普通话、英语',
      noteEn: 'Cantonese, Mandarin, English',
    },
    {
      region: 'SG',
      number: '+6531000001',
      languages: ['en', 'zh-CN'],
      timeZone: 'Asia/Singapore',
      hours: { slots: [{ days: WEEKDAYS, open: '09:00', close: '18:00' }] },
    },
    {
      region: 'GB',
      number: '+442000000001',
      languages: ['en'],
      timeZone: 'Europe/London',
      hours: {
        slots: [
          { days: WEEKDAYS, open: '08:00', close: '20:00' },
          { days: [6], open: '10:00', close: '16:00' },
        ],
      },
    },
    {
      region: 'US',
      number: '+12025550101',
      languages: ['en', 'es'],
      timeZone: 'America/New_York',
      hours: { always: true, slots: [] },
      noteZh: '全天候',
      noteEn: 'Around the clock',
    },
    {
      region: 'VN',
      number: '+842800000001',
      languages: ['vi', 'en'],
      timeZone: 'Asia/Ho_Chi_Minh',
      hours: { slots: [{ days: WEEKDAYS, open: '08:30', close: '17:30' }] },
    },
    {
      region: 'ES',
      number: '+34910000001',
      languages: ['es', 'en'],
      timeZone: 'Europe/Madrid',
      hours: { slots: [{ days: WEEKDAYS, open: '09:00', close: '18:00' }] },
    },
  ]);
}
