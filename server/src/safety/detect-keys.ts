import { sha256 } from '@noble/hashes/sha2.js';
import bs58 from 'bs58';
import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';

/**
 * Private keys. Formats that are private by construction (WIF, xprv, PEM, Solana's 64-byte
 * secret) are flagged wherever they appear. A bare 64-hex value is ambiguous (a transaction hash
 * looks the same) and is flagged only when the words around it say "key" (or where keys are kept:
 * a paper wallet, a backup, a wallet just generated) and not "transaction".
 */

const HEX64 = /(?<![0-9a-fA-Fx])(?:0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;
const KEY_CONTEXT =
  /私钥|私鑰|密钥|密鑰|秘钥|导入|導入|private[\s_-]*key|privkey|priv[\s_-]*key|secret[\s_-]*key|\bimport|\b(?:my|the|wallet)\s+key\b|\bwallet\s+export|\bexported\s+(?:key|wallet)|\bexported\b|\b(?:raw|hex|full|signing)\s+key\b|\bkey\s*(?:is|:|：|=)|\b(?:pk|priv|sk)\s*(?:is|:|：|=)|\bpaper\s+wallet|\bwallet\s+(?:file|data|dump)\b|wallet\.dat|\bkey\s*file\b|钱包文件|\bback\s*-?\s*up|备份|備份|\bgenerat\w*\s+(?:the\s+|a\s+|my\s+)?wallet|\bcold\s+(?:wallet|storage)/i;
const TX_CONTEXT =
  /txid|tx[\s_-]*hash|\btx\b|hash|交易哈希|哈希值|哈希|交易id|交易单号|区块浏览器|transaction|transfer|explorer|转账|\w+scan\.|mempool|\/tx\/|block/i;
/** How far around a value we read its context. */
const NEAR = 48;

const BASE58 = '[1-9A-HJ-NP-Za-km-z]';
const WIF = new RegExp(
  `(?<![1-9A-HJ-NP-Za-km-z])(?:5${BASE58}{50}|[KLc9]${BASE58}{51})(?![1-9A-HJ-NP-Za-km-z])`,
  'g',
);
const EXTENDED = new RegExp(`(?<![A-Za-z0-9])[xyztuv]prv${BASE58}{100,112}(?![1-9A-HJ-NP-Za-km-z])`, 'g');
const SOLANA = new RegExp(`(?<![1-9A-HJ-NP-Za-km-z])${BASE58}{85,90}(?![1-9A-HJ-NP-Za-km-z])`, 'g');
const BYTE_ARRAY = /\[\s*(?:\d{1,3}\s*,\s*){63}\d{1,3}\s*\]/g;
/**
 * A long random token of letters and digits that no address or hash alphabet makes: mixed case
 * with digits (hex is one case) and at least one of 0, O, I, l (base58 addresses and signatures
 * leave them out). With a word about keys, bots or API access in the message, it is an API secret
 * pasted without its name ("the dev who built my bot left me this: Vfx…").
 */
const RANDOM_TOKEN = /(?<![A-Za-z0-9+/=_.-])[A-Za-z0-9]{40,128}(?![A-Za-z0-9+/=_-])/g;
const TOKEN_HINT =
  /\b(?:keys?|api|tokens?|secrets?|bots?|credentials?|trading\s+bot)\b|密钥|秘钥|机器人|量化|接口/i;
const PEM =
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g;

export function detectPrivateKeys(text: string): Finding[] {
  const out: Finding[] = [];
  const add = (start: number, end: number) => out.push({ kind: 'private_key', start, end });

  for (const m of matchesIn(text, HEX64)) {
    const start = m.index;
    const end = start + m[0].length;
    if (isKeyContext(text, start, end)) add(start, end);
  }
  for (const m of matchesIn(text, WIF)) {
    if (isBase58Check(m[0], [0x80, 0xef])) add(m.index, m.index + m[0].length);
  }
  for (const m of matchesIn(text, EXTENDED)) add(m.index, m.index + m[0].length);
  for (const m of matchesIn(text, SOLANA)) {
    // A Solana transaction's signature is 64 bytes too: in a link or after "tx" it is that.
    if (decodedLength(m[0]) === 64 && !isTransactionContext(text, m.index))
      add(m.index, m.index + m[0].length);
  }
  for (const m of matchesIn(text, BYTE_ARRAY)) {
    const bytes = m[0].match(/\d+/g)!.map(Number);
    if (bytes.every((b) => b <= 255)) add(m.index, m.index + m[0].length);
  }
  for (const m of matchesIn(text, PEM)) add(m.index, m.index + m[0].length);
  if (TOKEN_HINT.test(text))
    for (const m of matchesIn(text, RANDOM_TOKEN)) {
      if (
        !randomToken(m[0]) ||
        /https?:\/\/\S*$|[/=?&#]$/.test(text.slice(Math.max(0, m.index - 80), m.index))
      )
        continue;
      out.push({ kind: 'api_secret', start: m.index, end: m.index + m[0].length });
    }
  return out;
}

/** A parameter named as a key ("privkey="). */
const NAMED_KEY = /(?:priv(?:ate)?[\s_-]*key|privkey|secret[\s_-]*key|私钥|私鑰)\s*=$/i;
/** The words before a value end inside a link or a query string (unless the parameter names a key). */
function inLink(before: string): boolean {
  // "=" only as a query parameter's ("?h=", "&tx="): a log line's "key=" names what follows (round 24).
  return (
    !NAMED_KEY.test(before) &&
    (/\/$/.test(before) || /[?&][\w.-]*=$/.test(before) || /https?:\/\/\S*$/.test(before))
  );
}

/** A value in a link, or with "transaction / hash" said nearer before it than "key". */
function isTransactionContext(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - NEAR), start);
  if (inLink(before)) return true;
  const txAt = lastMatchEnd(before, TX_CONTEXT_ALL);
  return txAt >= 0 && txAt > lastMatchEnd(before, KEY_CONTEXT_ALL);
}

/**
 * What the value is labelled with: the words before it, and when a colon comes right before it,
 * the whole label of its sentence up to the colon ("Private key (no 0x, just as my wallet shows
 * it): 14e3…"), however long the aside in it.
 */
function labelBefore(text: string, start: number): string {
  const near = text.slice(Math.max(0, start - NEAR), start);
  const colon = near.match(/[:：]\s*$/);
  if (!colon) return near;
  const colonAt = start - colon[0].length;
  const from = Math.max(0, colonAt - 160);
  let sentenceStart = from;
  for (const m of matchesIn(text.slice(from, colonAt), /[.!?](?=\s)|[。！？\n]/g))
    sentenceStart = from + m.index + 1;
  return text.slice(sentenceStart, start);
}

/** "Key" said nearer to the value than "transaction / hash", and the value not inside a link. */
function isKeyContext(text: string, start: number, end: number): boolean {
  const before = labelBefore(text, start);
  const after = text.slice(end, end + NEAR / 2);
  // Inside a link or a query string it is a hash, unless the parameter is named as a key ("privkey=").
  if (inLink(before)) return false;
  // "key 0x4d67…": the word itself right before the value names it.
  if (/\bkeys?\s*$/i.test(before)) return true;
  const keyAt = lastMatchEnd(before, KEY_CONTEXT_ALL);
  const txAt = lastMatchEnd(before, TX_CONTEXT_ALL);
  if (keyAt < 0) return KEY_CONTEXT.test(after) && !TX_CONTEXT.test(after);
  return keyAt > txAt;
}

/** Global copies of the two contexts, made once (lastMatchEnd reads every match). */
const KEY_CONTEXT_ALL = new RegExp(KEY_CONTEXT.source, 'gi');
const TX_CONTEXT_ALL = new RegExp(TX_CONTEXT.source, 'gi');

function lastMatchEnd(text: string, global: RegExp): number {
  let end = -1;
  for (const m of matchesIn(text, global)) end = m.index + m[0].length;
  return end;
}

function decodedLength(value: string): number {
  try {
    return bs58.decode(value).length;
  } catch {
    return -1;
  }
}

function isBase58Check(value: string, versions: number[]): boolean {
  let bytes: Uint8Array;
  try {
    bytes = bs58.decode(value);
  } catch {
    return false;
  }
  if (bytes.length !== 37 && bytes.length !== 38) return false;
  if (!versions.includes(bytes[0]!)) return false;
  const payload = bytes.slice(0, -4);
  const check = sha256(sha256(payload)).slice(0, 4);
  return check.every((b, i) => b === bytes[bytes.length - 4 + i]);
}

function randomToken(value: string): boolean {
  const count = (re: RegExp) => value.match(re)?.length ?? 0;
  return count(/[A-Z]/g) >= 3 && count(/[a-z]/g) >= 3 && count(/\d/g) >= 3 && /[0OIl]/.test(value);
}
