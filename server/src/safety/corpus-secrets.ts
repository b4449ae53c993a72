import { sha256 } from '@noble/hashes/sha2.js';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as simplified } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditional } from '@scure/bip39/wordlists/traditional-chinese.js';
import bs58 from 'bs58';
import type { SecretKind } from './findings.ts';

/**
 * Test material: generated secrets of every shape the customers send them in. Deterministic
 * (a seeded generator), so a failure is reproducible. Nothing here is a real key.
 */
export interface LabelledText {
  text: string;
  from: 'customer' | 'agent';
  previous?: string;
  /** The kind the scanner must find, or null for a text that must raise nothing. */
  expect: SecretKind | null;
  note: string;
}

/** Mulberry32: small, seeded, good enough for test data. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, bytes, pick };
}
export type Rng = ReturnType<typeof seeded>;

export function mnemonic(rng: Rng, words: number, list: string[] = english): string[] {
  return entropyToMnemonic(rng.bytes((words / 3) * 4), list).split(/\s+/u);
}

function base58check(payload: Uint8Array): string {
  const check = sha256(sha256(payload)).slice(0, 4);
  return bs58.encode(Uint8Array.from([...payload, ...check]));
}
export const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
export const wif = (rng: Rng, compressed: boolean) =>
  base58check(Uint8Array.from([0x80, ...rng.bytes(32), ...(compressed ? [1] : [])]));
export const xprv = (rng: Rng, prefix: number[]) =>
  base58check(
    Uint8Array.from([...prefix, 3, ...rng.bytes(4), 0, 0, 0, 0, ...rng.bytes(32), 0, ...rng.bytes(32)]),
  );

function typo(word: string, rng: Rng): string {
  const i = 1 + Math.floor(rng.next() * (word.length - 1));
  return rng.next() < 0.5
    ? word.slice(0, i) + word.slice(i + 1)
    : `${word.slice(0, i)}${word[i - 1]}${word.slice(i)}`;
}

export function secretTexts(rng: Rng): LabelledText[] {
  const out: LabelledText[] = [];
  const add = (text: string, expect: SecretKind, note: string, extra: Partial<LabelledText> = {}) =>
    out.push({ text, expect, note, from: 'customer', ...extra });

  // English phrases in every length and layout.
  for (const n of [12, 15, 18, 21, 24]) {
    for (let k = 0; k < 3; k++) {
      const w = mnemonic(rng, n);
      add(w.join(' '), 'mnemonic', `en ${n} spaces`);
      add(w.map((x, i) => `${i + 1}. ${x}`).join('\n'), 'mnemonic', `en ${n} numbered`);
      add(
        `我的钱包助记词是：${w.join(' ').toUpperCase()}，请帮我找回资产`,
        'mnemonic',
        `en ${n} upper in zh`,
      );
    }
    const w = mnemonic(rng, n);
    add(
      `Hi support, I can't log in. My recovery words:\n${w.join('\n')}\nPlease help!`,
      'mnemonic',
      `en ${n} lines`,
    );
    add(w.map((x, i) => `${i + 1}) ${x}`).join('  '), 'mnemonic', `en ${n} paren list`);
    add(w.join(', '), 'mnemonic', `en ${n} commas`);
  }
  for (let k = 0; k < 12; k++) {
    const w = mnemonic(rng, 12);
    const typos = w.map((x, i) => (i % 5 === 2 && x.length > 4 ? typo(x, rng) : x));
    add(`seed phrase: ${typos.join(' ')}`, 'mnemonic', 'en 12 with typos');
    const kept = 9 + (k % 3);
    add(`wallet words ${w.slice(0, kept).join(' ')} and I forgot the rest`, 'mnemonic', `en ${kept} of 12`);
    add(w.slice(0, kept).join(' '), 'mnemonic', `en ${kept} of 12, no context`);
  }
  // Chinese phrases: simplified and traditional, spaced, numbered, unspaced.
  for (const [list, name] of [
    [simplified, 'zh-Hans'],
    [traditional, 'zh-Hant'],
  ] as const) {
    for (const n of [12, 15, 18, 24]) {
      for (let k = 0; k < 2; k++) {
        const w = mnemonic(rng, n, list);
        add(w.join(' '), 'mnemonic', `${name} ${n} spaced`);
        add(`助记词：${w.join('')}`, 'mnemonic', `${name} ${n} unspaced with context`);
        add(w.map((x, i) => `${i + 1}.${x}`).join('\n'), 'mnemonic', `${name} ${n} numbered`);
        add(`${w.join('')}`, 'mnemonic', `${name} ${n} unspaced alone`);
      }
    }
    const w = mnemonic(rng, 12, list);
    add(`钱包恢复不了，记忆词 ${w.slice(0, 10).join(' ')} 后面两个忘了`, 'mnemonic', `${name} 10 of 12`);
  }
  // Harder shapes: typos and a missing word together, mixed separators, traditional with little context.
  for (let k = 0; k < 6; k++) {
    const w = mnemonic(rng, k % 2 ? 24 : 12);
    const damaged = w.filter((_, i) => i !== 3).map((x, i) => (i === 5 && x.length > 4 ? typo(x, rng) : x));
    add(
      damaged.map((x, i) => (i % 4 === 0 ? `${x}\n` : `${x} `)).join(''),
      'mnemonic',
      'typo and a missing word, mixed lines',
    );
    const t = mnemonic(rng, 12, traditional);
    add(`恢復詞${t.slice(0, 9).join('')}`, 'mnemonic', 'zh-Hant 9 unspaced after 恢復詞');
    add(t.map((x, i) => `${i + 1}、${x}`).join(' '), 'mnemonic', 'zh-Hant numbered with 、');
    const typoed = mnemonic(rng, 12, simplified);
    typoed[6] = '龘'; // a character that is on neither list
    add(`我的助记词${typoed.join('')}`, 'mnemonic', 'zh-Hans 12 unspaced, one wrong character');
    add(typoed.join(' '), 'mnemonic', 'zh-Hans 12 spaced, one wrong character');
  }
  // A phrase sent in two messages.
  for (let k = 0; k < 6; k++) {
    const w = mnemonic(rng, 12, k % 2 ? simplified : english);
    const sep = k % 2 ? ' ' : ' ';
    add(w.slice(6).join(sep), 'mnemonic', 'second half', {
      previous: `my words: ${w.slice(0, 6).join(sep)}`,
    });
  }
  // Private keys.
  for (let k = 0; k < 6; k++) {
    const key = hex(rng.bytes(32));
    add(`我的私钥是 ${key}`, 'private_key', 'hex after 私钥');
    add(`private key: 0x${key}`, 'private_key', '0x hex after private key');
    add(`I tried to import ${key} into my wallet but the balance is 0`, 'private_key', 'hex after import');
    add(`导入钱包时用的是 0x${key.toUpperCase()}，现在币没了`, 'private_key', 'upper hex after 导入');
    add(`${wif(rng, k % 2 === 0)}`, 'private_key', 'WIF alone');
    add(`这是我的 WIF 私钥 ${wif(rng, true)} 能帮我查一下吗`, 'private_key', 'WIF in zh');
    add(
      `backup: ${xprv(
        rng,
        [
          [0x04, 0x88, 0xad, 0xe4],
          [0x04, 0x9d, 0x78, 0x78],
          [0x04, 0xb2, 0x43, 0x0c],
          [0x04, 0x35, 0x83, 0x94],
        ][k % 4]!,
      )}`,
      'private_key',
      'extended private key',
    );
    add(`Phantom export ${bs58.encode(rng.bytes(64))}`, 'private_key', 'solana base58 secret');
    add(`[${Array.from(rng.bytes(64)).join(',')}]`, 'private_key', 'solana json array');
  }
  add(
    `-----BEGIN EC PRIVATE KEY-----\nMHQCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oopUXkWPH0mtoAcGBSuBBAAK\n-----END EC PRIVATE KEY-----`,
    'private_key',
    'PEM',
  );
  add(
    `here is my key\n-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIPd3PUvPVd1V4bLgtd4E0rR2JbCNqWJ5oOhvVq3hS1i7\n-----END PRIVATE KEY-----`,
    'private_key',
    'PEM pkcs8',
  );
  // Passwords and one-time codes.
  const passwords = [
    'Abc12345!',
    'lumen2024',
    'Qw3rty#99',
    'P@ssw0rd',
    'zhang1988',
    'xY7!kL2p',
    'hunter22',
    'MyPass_001',
  ];
  for (const p of passwords) {
    add(`我的登录密码是${p}，你们帮我登一下`, 'password', 'zh 密码是');
    add(`password: ${p}`, 'password', 'password:');
    add(`My password is ${p} and it still says wrong password`, 'password', 'password is');
    add(`资金密码：${p}`, 'password', '资金密码：');
  }
  const codes = ['384912', '120 455', '0093', '77341208', '551-204'];
  for (const c of codes) {
    add(`验证码 ${c}`, 'verification_code', '验证码');
    add(`谷歌验证码是${c}，快点帮我处理`, 'verification_code', '谷歌验证码');
    add(`The 2FA code is ${c}`, 'verification_code', '2FA code');
    add(`短信验证码：${c}`, 'verification_code', '短信验证码');
    add(`verification code ${c} — please withdraw for me`, 'verification_code', 'verification code');
  }
  // Agents asking for secrets.
  const asks = [
    '请把助记词发我核实一下',
    '为了验证身份，请提供您的私钥',
    '麻烦把谷歌验证码告诉我，我帮你解冻',
    '把你的登录密码发给我，我这边帮你操作',
    '请发送短信验证码给我，以便处理提现',
    '您好，请提供一下12个助记词，我们来恢复您的资产',
    'Please send your seed phrase so we can verify the wallet',
    'Can you share your private key? We need it to recover the funds',
    'To unlock the account, tell me the 2FA code you just received',
    'Kindly provide your password and the verification code',
    'What is your recovery phrase? I will check it for you',
    'DM me your 12 words and I will restore the wallet',
    '需要您的资金密码来核实身份',
    '请私信我您的钱包密码',
    'Reply with the SMS code to confirm the withdrawal',
    '请把您钱包的12个单词发过来，我们帮您恢复',
    '麻烦报一下刚收到的验证码',
    'Could you read me the code we just texted you?',
    '把你的钱包恢复短语给我',
    'Please verify your wallet by entering your seed phrase on the form I sent',
    'This is not a scam, please send your recovery phrase to our team',
    '这不是诈骗，请把助记词发我',
    '不要担心，把验证码发我就行',
    'Never mind the form, just send me your 2FA code',
    'For the refund, we need your private key to sign the transaction',
  ];
  for (const a of asks) add(a, 'secret_request', 'agent asks', { from: 'agent' });
  return out;
}
