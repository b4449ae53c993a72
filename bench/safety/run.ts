/**
 * The secret screen's latency: p50/p95/p99 of `POST /api/v1/safety/scan` through the whole app
 * (`app.inject`: routing, auth, schema, the scan, serialising) for 500-character messages of
 * several kinds, customer and agent, and of `scanText` alone. Goal: p95 < 5 ms.
 *   npm run bench:safety            BENCH_ROUNDS=n (default 400 per kind)
 */
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config/config.ts';
import { migrateDatabase, openPglite } from '../../server/src/db/client.ts';
import { createApiToken } from '../../server/src/identity/agents.ts';
import { createLogger } from '../../server/src/platform/logger.ts';
import { seeded } from '../../server/src/safety/corpus-secrets.ts';
import { scanText } from '../../server/src/safety/scan.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const LENGTH = 500;
const rng = seeded(7);

/** Fills a message up to 500 characters with sentences of its kind. */
function fill(parts: string[]): string {
  let out = '';
  while (out.length < LENGTH) out += `${rng.pick(parts)} `;
  return out.slice(0, LENGTH);
}
const phrase = () => Array.from({ length: 12 }, () => rng.pick(english)).join(' ');
const kinds: Array<{ name: string; from: 'customer' | 'agent'; make: () => string }> = [
  {
    name: 'customer prose, English (BIP39-heavy)',
    from: 'customer',
    make: () =>
      fill([
        'I tried to withdraw my funds yesterday but the transfer is still pending.',
        'The price moved again and I want to buy more before the weekend.',
        'Please check my account, the balance looks wrong after the last deposit.',
        'My friend said the market will drop soon, so I wait for a better moment.',
      ]),
  },
  {
    name: 'customer prose, Chinese',
    from: 'customer',
    make: () =>
      fill([
        '我的充值一直没到账，已经两个小时了。',
        '提币手续费是多少？',
        '請問實名認證要多久？',
        '验证码一直收不到，怎么办。',
      ]),
  },
  {
    name: 'customer with phrase, password and code',
    from: 'customer',
    make: () =>
      fill([`my seed phrase is ${phrase()}`, 'password: Tiger2024!', '验证码是 3.8.4.9.1.2', 'please help']),
  },
  {
    name: 'agent reply (asks and advice)',
    from: 'agent',
    make: () =>
      fill([
        'We will never ask for your seed phrase.',
        'Could you send me the TXID of the deposit?',
        '请勿将验证码告诉任何人。',
        'Please tell me the amount and the time of the transfer.',
      ]),
  },
];

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(2)} ms, p95 ${percentile(s, 95).toFixed(2)} ms, p99 ${percentile(s, 99).toFixed(2)} ms`;
};

const database = await openPglite(null);
await migrateDatabase(database);
const config = loadConfig({
  DATA_DIR: await mkdtemp(join(tmpdir(), 'kefu-bench-safety-')),
  LOG_LEVEL: 'silent',
  APP_SECRET: 'bench-app-secret-bench-app-secret-0123456789',
  CUSTOMER_JWT_SECRET: 'bench-customer-jwt-secret-0123456789abcdef',
});
const { app } = await buildApp({ config, database, logger: createLogger('silent') });
await app.ready();
const { token } = await createApiToken(database.db, {
  name: 'bench',
  scopes: ['safety:scan'],
  createdBy: null,
});
const headers = { authorization: `Bearer ${token}` };

console.log(
  `bench:safety — ${ROUNDS} messages of ${LENGTH} characters per kind; load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const all: number[] = [];
for (const kind of kinds) {
  const texts = Array.from({ length: ROUNDS }, () => kind.make());
  // Warm-up: the JIT, the segmenter's dictionary, the typo cache.
  for (const text of texts.slice(0, 50))
    await app.inject({
      method: 'POST',
      url: '/api/v1/safety/scan',
      headers,
      payload: { text, from: kind.from },
    });
  const http: number[] = [];
  const direct: number[] = [];
  // CPU per message (user + system of this process): unlike wall time, it hardly moves with the
  // machine's load, which is what the p95 mostly measures on a shared 2-core machine.
  let cpu = process.cpuUsage();
  for (const text of texts) {
    const t = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/safety/scan',
      headers,
      payload: { text, from: kind.from },
    });
    http.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`scan answered ${res.statusCode}: ${res.body}`);
  }
  const httpCpu = cpuMs(process.cpuUsage(cpu)) / texts.length;
  cpu = process.cpuUsage();
  for (const text of texts) {
    const t = performance.now();
    scanText(text, { from: kind.from });
    direct.push(performance.now() - t);
  }
  const directCpu = cpuMs(process.cpuUsage(cpu)) / texts.length;
  all.push(...http);
  console.log(
    `${kind.name}\n  POST /safety/scan: ${fmt(http)}; CPU ${httpCpu.toFixed(2)} ms/message\n  scanText alone:    ${fmt(direct)}; CPU ${directCpu.toFixed(2)} ms/message`,
  );
}
console.log(
  `all kinds, POST /safety/scan: ${fmt(all)}; load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
await app.close();
await database.close?.();
