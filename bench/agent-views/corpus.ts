import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { indexTokens } from '../../server/src/help/text.ts';
import { ticketSearchRow } from '../../server/src/ticket-search/tokens.ts';

/**
 * The agent-views corpus: customers, tickets (~5 messages each, zh and en) and their search rows,
 * written with COPY (psql's, reading our stdin). Deterministic: the same --tickets gives the same desk.
 * Search rows are made by Kefu's own ticketSearchRow; its tokenizer is memoised per piece of text
 * between punctuation and spaces, which gives the same tokens (help/text.ts never lets a token
 * cross them) at a fraction of the cost.
 */

export interface Desk {
  agentIds: string[];
  categories: Array<{ id: string; code: string; teamId: string | null }>;
}

export interface Special {
  heavyCustomerId: string;
  heavyTicketId: string;
  sample: { number: number; uid: string; email: string; txid: string; withdrawalId: string; phone: string };
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '强',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '丽',
  '刚',
  '平',
];
const FIRST = [
  'james',
  'mary',
  'john',
  'linda',
  'david',
  'susan',
  'wei',
  'li',
  'zhang',
  'anna',
  'omar',
  'maya',
];
const LAST = ['smith', 'jones', 'brown', 'wang', 'chen', 'san', 'taylor', 'garcia', 'kim', 'nguyen'];
const COINS = ['USDT', 'BTC', 'ETH', 'TRX', 'SOL', 'BNB', 'XRP', 'DOGE'];
const NETWORKS = ['TRC20', 'ERC20', 'BEP20', 'SOL', 'BTC'];
const ZH_TITLES = [
  '提现一直没有到账',
  '充值未到账',
  '谷歌验证器丢失',
  '账户被冻结',
  '实名认证审核太慢',
  '合约强平疑问',
  '提币地址填错了',
  '手续费扣多了',
];
const EN_TITLES = [
  'Withdrawal not received',
  'Deposit missing',
  'Lost my authenticator',
  'Account frozen',
  'KYC review taking long',
  'Liquidation question',
  'Wrong withdrawal address',
  'Fee charged twice',
];
const ZH_CUSTOMER = [
  '我在昨天提交了 {amount} {coin} 的提现，到现在还没有到账，提现单号 {wid}。',
  '充值 {amount} {coin} 已经 {n} 小时了还没到账，交易哈希 {txid}',
  '谷歌验证器丢失了，无法登录账户，怎么解绑？',
  '我的账户被冻结了，请问是什么原因？订单号 {order}',
  '实名认证一直审核中，已经提交了护照照片。',
  '合约被强平了，想了解一下强平价格是怎么计算的。',
  '已经收到，谢谢！',
  '还是没有到账，麻烦再帮我查一下，急用。',
];
const ZH_AGENT = [
  '您好，已为您查询，您的提现处理中，请耐心等待区块确认。',
  '请提供您的 UID 和充值截图，我们会尽快为您核实。',
  '您的问题已经转交给风控团队处理，预计 {n} 小时内回复。',
  '已为您解绑谷歌验证器，请重新登录后绑定。',
  '链上确认数不足，到账前请勿重复提交。',
];
const EN_CUSTOMER = [
  'I submitted a withdrawal of {amount} {coin} yesterday and it has not arrived, withdrawal id {wid}.',
  'My deposit of {amount} {coin} is missing after {n} hours, txid {txid}',
  'I lost my authenticator phone and cannot sign in.',
  'My account is frozen, why? Order {order}',
  'Identity verification has been pending for days, I uploaded my passport.',
  'Still not received, please check again.',
  'Got it, thanks!',
];
const EN_AGENT = [
  'Your withdrawal is pending network confirmation, please wait.',
  'Please send your UID and a screenshot of the deposit.',
  'We passed this to the risk team, expect an answer within {n} hours.',
  'The authenticator was reset, please sign in and bind it again.',
];

/** CSV field: quoted, inner quotes doubled. */
const csv = (v: string | number | null) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);
/** A tsvector literal of lexemes. */
const tsv = (xs: string[]) => xs.map((x) => `'${x.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' ');
/** A text[] literal. */
const arr = (xs: string[]) =>
  `{${xs.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/** COPY … FROM STDIN through psql; resolves when psql has loaded everything. */
function copyInto(url: string, table: string, columns: string[]): { out: Writable; done: Promise<void> } {
  const child = spawn(
    'psql',
    [
      url,
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-c',
      `set session_replication_role = replica; copy ${table} (${columns.join(', ')}) from stdin with (format csv)`,
    ],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const done = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`copy ${table}: psql exited ${code}`)),
    ),
  );
  return { out: child.stdin, done };
}

async function write(out: Writable, chunk: string) {
  if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
}

export function progress(label: string, done: number, total: number, started: number) {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  const secs = (Date.now() - started) / 1000;
  process.stderr.write(
    `\r${label.padEnd(10)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${secs.toFixed(0)} s `,
  );
  if (done >= total) process.stderr.write('\n');
}

/** Resolution targets of the generated clocks: a day to half a year (some still running). */
const RESOLUTION_TARGETS = [24, 72, 720, 2160, 4320].map((h) => h * 3600_000);

/** Loads `n` tickets; the caller has dropped the secondary indexes and builds them after. */
export async function loadCorpus(url: string, client: pg.Client, desk: Desk, n: number): Promise<Special> {
  const next = rng(20261202);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const digits = (k: number) => Array.from({ length: k }, () => Math.floor(next() * 10)).join('');
  const hex = (k: number) => Array.from({ length: k }, () => Math.floor(next() * 16).toString(16)).join('');
  const memo = new Map<string, string[]>();
  const tokens = (texts: Iterable<string>) => {
    const out = new Set<string>();
    for (const text of texts)
      for (const piece of text.split(/[\s，。！？、,.!?:：;；()（）]+/)) {
        if (!piece) continue;
        let t = memo.get(piece);
        if (!t) {
          t = indexTokens(piece);
          if (memo.size < 200_000) memo.set(piece, t);
        }
        for (const x of t) out.add(x);
      }
    return [...out];
  };

  // Customers: one per five tickets, half Chinese names; a few known ones for the searches.
  const customerCount = Math.max(10, Math.floor(n / 5));
  const customerIds: string[] = [];
  const started = Date.now();
  const cust = copyInto(url, 'customers', ['id', 'uid', 'name', 'email', 'phone', 'language']);
  let sample = { uid: '', email: '', phone: '' };
  for (let i = 0; i < customerCount; i++) {
    const id = randomUUID();
    customerIds.push(id);
    const zh = next() < 0.5;
    const name = zh ? pick(SURNAMES) + pick(GIVEN) : `${pick(FIRST)} ${pick(LAST)}`;
    const email =
      i === 7 ? 'zhang.san.trader@example.com' : `${pick(FIRST)}.${pick(LAST)}${i}@mail${i % 7}.example`;
    const phone = `+86 13${digits(9)}`;
    if (i === 7) sample = { uid: `U${1000000 + i}`, email, phone };
    await write(
      cust.out,
      `${[id, `U${1000000 + i}`, name, email, phone, zh ? 'zh-CN' : 'en'].map(csv).join(',')}\n`,
    );
    if (i % 20000 === 0) progress('customers', i, customerCount, started);
  }
  cust.out.end();
  await cust.done;
  progress('customers', customerCount, customerCount, started);

  const heavyCustomerId = customerIds[0]!;
  const tick = copyInto(url, 'tickets', [
    'id',
    'title',
    'description',
    'customer_id',
    'category_id',
    'team_id',
    'assignee_id',
    'status',
    'priority',
    'channel',
    'fields',
    'last_seq',
    'created_at',
    'updated_at',
    'last_activity_at',
    'solved_at',
    'sla_due_at',
    'sla_warn_at',
    'sla_paused',
  ]);
  // The clocks of the tickets still being worked on (as sla/ stores them): a first response for new
  // ones, a resolution for every one (paused while pending / on hold); most are overdue by now, and
  // their breach was told when it happened (else the breach watch would notify ~100,000 of them in
  // the measured process).
  const clocks = copyInto(url, 'ticket_sla_targets', [
    'ticket_id',
    'metric',
    'state',
    'target_ms',
    'elapsed_ms',
    'left_ms',
    'due_at',
    'warn_at',
    'started_at',
    'computed_at',
    'breach_notified_at',
  ]);
  const msgs = copyInto(url, 'messages', [
    'ticket_id',
    'seq',
    'author_type',
    'author_id',
    'visibility',
    'body',
    'created_at',
  ]);
  const search = copyInto(url, 'ticket_search', ['ticket_id', 'head', 'doc', 'ids']);
  const now = Date.now();
  const span = 730 * 86400_000;
  let heavyTicketId = '';
  let sampleTicket = { id: '', txid: '', withdrawalId: '' };
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    // Older tickets first (numbers grow with time); the newest fifth is mostly still being worked on.
    const createdAt = now - span + Math.floor((i / n) * span) - Math.floor(next() * 3600_000);
    const recent = i > n * 0.8;
    const r = next();
    const status = recent
      ? r < 0.15
        ? 'new'
        : r < 0.45
          ? 'open'
          : r < 0.7
            ? 'pending'
            : r < 0.8
              ? 'on_hold'
              : r < 0.95
                ? 'solved'
                : 'closed'
      : r < 0.01
        ? 'open'
        : r < 0.3
          ? 'solved'
          : 'closed';
    const category = pick(desk.categories);
    const assignee = status === 'new' || next() < 0.25 ? null : pick(desk.agentIds);
    const zh = next() < 0.6;
    const customerId =
      i % 1000 === 1 ? heavyCustomerId : customerIds[Math.floor(next() * customerIds.length)]!;
    const vars = () => ({
      amount: (next() * 5000).toFixed(2),
      coin: pick(COINS),
      n: String(1 + Math.floor(next() * 48)),
      wid: `W${digits(12)}`,
      txid: hex(64),
      order: digits(11),
    });
    const v = vars();
    const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => v[k as keyof typeof v]);
    const funds = category.code === 'deposit_withdrawal';
    const fields: Record<string, string> = funds
      ? { coin: v.coin, network: pick(NETWORKS), withdrawalId: v.wid, txid: v.txid }
      : {};
    if (i === Math.floor(n / 2) && funds) sampleTicket = { id, txid: v.txid, withdrawalId: v.wid };
    if (i > n / 2 && !sampleTicket.id && funds) sampleTicket = { id, txid: v.txid, withdrawalId: v.wid };
    const title = zh ? pick(ZH_TITLES) : pick(EN_TITLES);
    const count = i === n - 1 ? 500 : 3 + Math.floor(next() * 5);
    if (i === n - 1) heavyTicketId = id;
    const bodies: string[] = [];
    let at = createdAt;
    for (let k = 1; k <= count; k++) {
      const byCustomer = k % 2 === 1;
      const body = fill(byCustomer ? pick(zh ? ZH_CUSTOMER : EN_CUSTOMER) : pick(zh ? ZH_AGENT : EN_AGENT));
      bodies.push(body);
      at += Math.floor(next() * 7200_000);
      await write(
        msgs.out,
        `${[id, k, byCustomer ? 'customer' : 'agent', byCustomer ? customerId : (assignee ?? desk.agentIds[0]!), 'public', body, new Date(at).toISOString()].map(csv).join(',')}\n`,
      );
    }
    const last = Math.min(at, now);
    // The ticket's summary of its clocks, as sla/refresh.ts clockSummary keeps it on the row.
    let slaDue: number | null = null;
    let slaWarn: number | null = null;
    let slaPaused = false;
    const active = status === 'new' || status === 'open' || status === 'pending' || status === 'on_hold';
    if (active) {
      const targets: Array<[string, number]> = [['resolution', pick(RESOLUTION_TARGETS)]];
      if (status === 'new') targets.push(['first_response', 4 * 3600_000]);
      for (const [metric, target] of targets) {
        const paused = status === 'pending' || status === 'on_hold';
        const due = createdAt + target;
        const state = paused ? 'paused' : due <= now ? 'breached' : 'running';
        const elapsed = Math.min(now - createdAt, target);
        const warn = state === 'running' ? createdAt + Math.floor(target * 0.75) : null;
        if (!paused && (slaDue === null || due < slaDue)) slaDue = due;
        if (warn !== null && (slaWarn === null || warn < slaWarn)) slaWarn = warn;
        slaPaused ||= paused;
        await write(
          clocks.out,
          `${[id, metric, state, target, elapsed, target - elapsed, paused ? null : new Date(due).toISOString(), warn === null ? null : new Date(warn).toISOString(), new Date(createdAt).toISOString(), new Date(now).toISOString(), state === 'breached' ? new Date(due).toISOString() : null].map(csv).join(',')}\n`,
        );
      }
    }
    await write(
      tick.out,
      `${[
        id,
        title,
        bodies[0]!,
        customerId,
        category.id,
        category.teamId,
        assignee,
        status,
        pick(['low', 'normal', 'normal', 'high', 'urgent']),
        zh ? 'web' : pick(['web', 'email', 'chat']),
        JSON.stringify(fields),
        count,
        new Date(createdAt).toISOString(),
        new Date(last).toISOString(),
        new Date(last).toISOString(),
        status === 'solved' || status === 'closed' ? new Date(last).toISOString() : null,
        slaDue === null ? null : new Date(slaDue).toISOString(),
        slaWarn === null ? null : new Date(slaWarn).toISOString(),
        slaPaused ? 'true' : 'false',
      ]
        .map(csv)
        .join(',')}\n`,
    );
    const row = ticketSearchRow({ title, fields, texts: bodies, tokens });
    await write(search.out, `${[id, tsv(row.head), tsv(row.doc), arr(row.ids)].map(csv).join(',')}\n`);
    if (i % 10000 === 0) progress('tickets', i, n, t0);
  }
  tick.out.end();
  msgs.out.end();
  search.out.end();
  clocks.out.end();
  await Promise.all([tick.done, msgs.done, search.done, clocks.done]);
  progress('tickets', n, n, t0);
  const { rows } = await client.query<{ number: string }>('select number from tickets where id = $1', [
    sampleTicket.id,
  ]);
  return {
    heavyCustomerId,
    heavyTicketId,
    sample: {
      number: Number(rows[0]?.number),
      ...sample,
      txid: sampleTicket.txid,
      withdrawalId: sampleTicket.withdrawalId,
    },
  };
}
