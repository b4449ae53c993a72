/**
 * Writes eval-data/own/secrets.jsonl and split.jsonl: the project's own, larger development set for
 * the secret screen. Things with a grammar are generated from a seeded generator (BIP39 phrases in
 * three lists, hex/WIF/xprv/Solana keys, API secrets, passwords, codes in every written form,
 * identifiers that must stay visible); the sentences around them are hand-written templates, in
 * zh-Hans, zh-Hant and en, worded independently of eval-data/dev. Re-run after changing it:
 *   node server/src/safety/eval/generate-own.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as simplified } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditional } from '@scure/bip39/wordlists/traditional-chinese.js';
import bs58 from 'bs58';
import { seeded } from '../corpus-secrets.ts';
import { EVAL_DATA, type SecretRow } from './score.ts';

const random = seeded(20261202);
const rng = random.next;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rng() * 256));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');

function phrase(words: 12 | 15 | 18 | 24, list: string[] = english): string[] {
  return entropyToMnemonic(bytes((words / 3) * 4), list).split(/\s+/u);
}
function wif(): string {
  const payload = Uint8Array.from([0x80, ...bytes(32), 0x01]);
  const check = sha256(sha256(payload)).slice(0, 4);
  return bs58.encode(Uint8Array.from([...payload, ...check]));
}
const b58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const xprv = () => `xprv9${Array.from({ length: 106 }, () => pick([...b58])).join('')}`;
const solana = () => bs58.encode(bytes(64));
const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const apiSecret = () => Array.from({ length: pick([32, 40, 48, 64]) }, () => pick([...alnum])).join('');

function layout(words: string[]): string {
  const style = Math.floor(rng() * 6);
  if (style === 0) return words.join(' ');
  if (style === 1) return words.map((w, i) => `${i + 1}. ${w}`).join('\n');
  if (style === 2) return words.join(', ');
  if (style === 3) return words.map((w, i) => `${i + 1}) ${w}`).join('  ');
  if (style === 4) return words.join('\n');
  return words.join(' - ');
}

const rows: SecretRow[] = [];
let n = 0;
const add = (
  lang: string,
  category: string,
  text: string,
  secrets: SecretRow['secrets'],
  previous?: string,
) =>
  rows.push({
    id: `own-sec-${String(++n).padStart(4, '0')}`,
    lang,
    category,
    text,
    secrets,
    ...(previous !== undefined ? { previous } : {}),
  });

// Phrases around hand-written sentences.
const phraseFrames: Array<[string, (p: string) => string]> = [
  ['en', (p) => `hey support, my wallet shows zero. backup words below\n${p}\nwhat happened?`],
  ['en', (p) => `Is this right? ${p}`],
  ['en', (p) => `copied from my notebook:\n${p}`],
  ['en', (p) => `${p}\n^ thats my phrase, pls restore`],
  ['zh-Hans', (p) => `我的钱包助记词如下：\n${p}\n帮我看看资产去哪了`],
  ['zh-Hans', (p) => `导入失败，我输入的是 ${p} 哪里错了？`],
  ['zh-Hant', (p) => `請幫我恢復錢包，助記詞：${p}，謝謝`],
  ['zh-Hant', (p) => `${p}\n以上是我抄下來的`],
];
for (let i = 0; i < 80; i++) {
  const [lang, frame] = pick(phraseFrames);
  const p = layout(phrase(pick([12, 12, 15, 18, 24])));
  add(lang, 'mnemonic-en-list', frame(p), [{ kind: 'mnemonic', value: p }]);
}
for (let i = 0; i < 30; i++) {
  const words = phrase(12);
  const k = 1 + Math.floor(rng() * 11);
  const w = words[k]!;
  words[k] = w.length > 4 ? w.slice(0, 2) + w[3] + w[2] + w.slice(4) : `${w}e`;
  const p = layout(words);
  const [lang, frame] = pick(phraseFrames);
  add(lang, 'mnemonic-typo', frame(p), [{ kind: 'mnemonic', value: p }]);
}
for (let i = 0; i < 30; i++) {
  const list = pick([simplified, traditional]);
  const chars = phrase(12, list);
  const p = pick([chars.join(''), chars.join(' ')]);
  const lang = list === traditional ? 'zh-Hant' : 'zh-Hans';
  add(lang, 'mnemonic-chinese', pick([`助记词：${p}`, `${p} 这是我的恢复词`, `錢包備份 ${p}`]), [
    { kind: 'mnemonic', value: p },
  ]);
}

// Keys.
const keyFrames: Array<[string, (k: string) => string]> = [
  ['en', (k) => `my private key is ${k} can you move the funds?`],
  ['en', (k) => `imported key ${k} into metamask, balance gone`],
  ['zh-Hans', (k) => `私钥：${k}，帮我看看`],
  ['zh-Hant', (k) => `這是我的私鑰 ${k} 請協助`],
];
for (let i = 0; i < 60; i++) {
  const kind = i % 5;
  const k =
    kind === 0
      ? hex(bytes(32))
      : kind === 1
        ? `0x${hex(bytes(32))}`
        : kind === 2
          ? wif()
          : kind === 3
            ? xprv()
            : solana();
  const [lang, frame] =
    kind >= 2
      ? pick([...keyFrames, ['en', (x: string) => `${x}`] as [string, (k: string) => string]])
      : pick(keyFrames);
  add(lang, ['key-hex', 'key-0x', 'key-wif', 'key-xprv', 'key-solana'][kind]!, frame(k), [
    { kind: 'private_key', value: k },
  ]);
}
for (let i = 0; i < 20; i++) {
  const s = apiSecret();
  const f = pick([
    (x: string) => `API secret: ${x}`,
    (x: string) => `我的API密钥是${x}，为什么下单失败`,
    (x: string) => `secret key = ${x}`,
    (x: string) => `API Secret：${x} 簽名錯誤`,
  ]);
  add('mixed', 'api-secret', f(s), [{ kind: 'other_key', value: s }]);
}

// Passwords and codes.
const pw = () =>
  pick([
    () =>
      `${pick(['Tiger', 'moon', 'Lucky', 'star', 'Panda', 'river'])}${digits(pick([2, 3, 4]))}${pick(['!', '@', '#', '_', ''])}`,
    () => Array.from({ length: 10 }, () => pick([...`${alnum}!@#$%`])).join(''),
    () =>
      `${pick(['sun', 'blue', 'happy', 'cat'])} ${pick(['day', 'sky', 'home', 'dog'])} ${digits(2)}${pick(['!', '?', '.'])}`,
  ])();
const pwFrames: Array<[string, (p: string) => string]> = [
  ['en', (p) => `my password is ${p} and it still says wrong`],
  ['en', (p) => `Password: ${p}`],
  ['en', (p) => `pwd = "${p}" please check`],
  ['en', (p) => `I set the fund password to '${p}' yesterday`],
  ['en', (p) => `tried logging in with "${p}" many times`],
  ['zh-Hans', (p) => `登录密码是${p}，登不上去`],
  ['zh-Hans', (p) => `资金密码：“${p}”`],
  ['zh-Hans', (p) => `我的密码 ${p} 被锁了吗`],
  ['zh-Hant', (p) => `登入密碼是 ${p}，一直顯示錯誤`],
  ['zh-Hant', (p) => `我嘅密碼係「${p}」`],
];
for (let i = 0; i < 70; i++) {
  const [lang, f] = pick(pwFrames);
  let p = pw();
  // A bare space-separated passphrase is only recognisable in quotes or after ":" / "是".
  if (p.includes(' ') && !/["'“「:：是係=]/.test(f('X').split('X')[0]!.slice(-3))) p = p.replace(/ /g, '');
  add(lang, `password-${lang}`, f(p), [{ kind: 'password', value: p }]);
}
const code = () => {
  const d = digits(pick([4, 6, 6, 6, 8]));
  return pick([
    () => d,
    () => d.split('').join(' '),
    () => d.split('').join('-'),
    () => d.split('').join('.'),
    () => `${d.slice(0, d.length / 2)} ${d.slice(d.length / 2)}`,
    () => `${d.slice(0, d.length / 2)}-${d.slice(d.length / 2)}`,
  ])();
};
const codeFrames: Array<[string, (c: string) => string]> = [
  ['en', (c) => `the verification code is ${c}`],
  ['en', (c) => `got this code by sms: ${c}`],
  ['en', (c) => `2FA code ${c} keeps failing`],
  ['en', (c) => `Google Authenticator shows ${c} right now`],
  ['en', (c) => `they texted me ${c}, is that the login code?`],
  ['zh-Hans', (c) => `验证码是${c}`],
  ['zh-Hans', (c) => `短信验证码 ${c} 还有效吗`],
  ['zh-Hans', (c) => `收到的验证码：${c}`],
  ['zh-Hant', (c) => `簡訊驗證碼是 ${c}`],
  ['zh-Hant', (c) => `我收到嘅驗證碼係${c}`],
];
for (let i = 0; i < 70; i++) {
  const [lang, f] = pick(codeFrames);
  const c = code();
  add(lang, `code-${lang}`, f(c), [{ kind: 'code', value: c }]);
}
for (let i = 0; i < 30; i++) {
  const p = pw().replace(/ /g, '');
  const c = code();
  const t = pick([
    () => `password: ${p}\nsms code: ${c}`,
    () => `登录密码是${p}，验证码是${c}`,
    () => `my password is ${p} and the 2FA code is ${c}, do it fast`,
    () => `登入密碼：${p}；驗證碼：${c}`,
  ])();
  add('mixed', 'two-kinds', t, [
    { kind: 'password', value: p },
    { kind: 'code', value: c },
  ]);
}

// Negatives: identifiers and numbers that must stay visible, hand-written ordinary texts.
for (let i = 0; i < 40; i++) {
  const t = pick([
    () => `txid ${hex(bytes(32))} not confirmed`,
    () => `交易哈希 0x${hex(bytes(32))}`,
    () => `UID ${digits(8)}, order ${digits(16)}`,
    () => `订单号 ${digits(6)} 没成交`,
    () => `I sent ${digits(4)}.${digits(2)} USDT at 14:05`,
    () => `区块高度 ${digits(7)}`,
    () => `call me on +44 7700 ${digits(6)}`,
    () => `邮编 ${digits(6)}`,
    () => `my zip code is ${digits(5)}`,
    () => `error code ${digits(4)} when I withdraw`,
    () => `ticket KF-${digits(6)}`,
  ])();
  add('mixed', 'neg-identifiers', t, []);
}
const ordinary = `How long does a BTC withdrawal usually take?
我的充值一直没到账，已经两个小时了
KYC 审核要多久？
提幣手續費是多少？
Can I change the phone number on my account?
Why was my withdrawal rejected?
我想注销账户
The app crashes when I open the assets page
請問怎麼綁定新的手機號碼
I forgot my password, can you help me reset it?
密码忘了怎么办
验证码一直收不到
The SMS code never arrives on my phone
Where do I find my private key in the wallet app?
I wrote my seed phrase down but lost the paper, what now?
Is it safe to keep the recovery phrase in a photo?
My 2FA app was reset when I changed phones
驗證碼過期了，要重新發嗎
私钥和助记词有什么区别？
I got a code by email but didn't ask for one, is someone in my account?
The password field says it needs a capital letter and a number
My order 483920 was only half filled
I deposited 250000 DOGE last week
Please send the code again, the first one expired
Someone asked me for my seed phrase on Telegram, was it you?
Bright morning, I want to order coffee and enjoy the sunny garden view before work
Every year we travel with family to the ocean and enjoy fresh fruit and simple food
I have a question about the exchange rate between bitcoin and the dollar today
The price went up again, should I buy more or wait for a drop?
Thank you for the quick answer, have a great day
我早上买了一点比特币，现在价格跌了，心情不好
这个活动的奖励什么时候发放？
請問這個幣什麼時候上線
Our family plan is simple: save a little every month, avoid risk, and never panic
My friend said the market will crash soon but I do not believe him`.split('\n');
for (const t of ordinary) add(/[\u4e00-\u9fff]/.test(t) ? 'zh' : 'en', 'neg-ordinary', t, []);

writeFileSync(join(EVAL_DATA, 'own', 'secrets.jsonl'), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);

// The reply path: a phrase split over two messages, and innocent pairs that must not be joined.
const split: SecretRow[] = [];
let m = 0;
const addSplit = (
  category: string,
  previous: string,
  text: string,
  secrets: SecretRow['secrets'],
  previousSecret?: string,
) =>
  split.push({
    id: `own-split-${String(++m).padStart(4, '0')}`,
    lang: 'mixed',
    category,
    text,
    secrets,
    previous,
    ...(previousSecret ? { previousSecret } : {}),
  });
for (let i = 0; i < 30; i++) {
  const words = phrase(12);
  const k = 4 + Math.floor(rng() * 4);
  const sep = pick([' ', '\n']);
  const first = words.slice(0, k).join(sep);
  const second = words.slice(k).join(sep);
  addSplit(
    'split-phrase',
    pick([`my words: ${first}`, first, `助记词 ${first}`]),
    second,
    [{ kind: 'mnemonic', value: second }],
    first,
  );
}
const endings = [
  'Thanks, I will wait for the deposit',
  'ok I understand the risk',
  'I checked the address again',
  'please help, my balance is gone',
  'it was a simple mistake',
  'I am still waiting for your answer',
  '好的，我再等等',
];
for (let i = 0; i < 30; i++) {
  const next = pick([
    'Any news about my ticket?',
    'hello? anyone there',
    'when will it arrive',
    'also the app is slow today',
    'about the fee, can it be lower',
    'Thank you for the help',
    'Please check again',
    '还有，手续费能便宜点吗',
  ]);
  addSplit('split-innocent', pick(endings), next, []);
}
for (let i = 0; i < 20; i++) {
  // The new message is a whole phrase on its own: the earlier one stays as it was.
  const p = phrase(12).join(' ');
  addSplit('split-whole-phrase-after-innocent', pick(endings), p, [{ kind: 'mnemonic', value: p }]);
}
writeFileSync(join(EVAL_DATA, 'own', 'split.jsonl'), `${split.map((r) => JSON.stringify(r)).join('\n')}\n`);
console.log(`own set: ${rows.length} secrets rows, ${split.length} split rows`);
