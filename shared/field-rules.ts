/**
 * The rules a preparation-checklist answer must follow (docs/api.md, "Checklist answers").
 * Pure and without dependencies: the server (server/src/desk/category-form.ts) and the customer
 * pages (web/customer/src/tickets/validate.ts) import this one file, so the page refuses exactly
 * what the server refuses and the two cannot drift apart.
 *
 * Shapes only: a TXID or an address of the right shape for its network may still be mistyped (no
 * checksum is verified); the point is to catch the pasted withdrawal id, the half-copied hash and
 * the Ethereum hash given for a Tron transfer before an agent has to ask back.
 */

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'amount',
  'datetime',
  'select',
  'txid',
  'address',
  'uid',
  'attachments',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** What the rules need to know of a form field (the labels live with the form). */
export interface FieldRule {
  key: string;
  type: FieldType;
  required: boolean;
  /** For `select`. */
  options?: string[] | undefined;
  maxLength?: number | undefined;
  /** For `text`: a regular expression the whole answer must match (an order or withdrawal id). */
  pattern?: string | undefined;
  /** For `text` with a pattern: an answer that fits, shown in the message when one does not. */
  example?: string | undefined;
  /** For `attachments`: how many files the answer may hold (1–MAX_FILES; 1 when not given). */
  maxFiles?: number | undefined;
}

/** The most files one `attachments` field may ask for. */
export const MAX_FILES = 5;
/** An attachment's id as the upload returned it. */
const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A stored answer: text, a number, or (for `attachments`) the uploaded files' ids. */
export type AnswerValue = string | number | string[];

export type Problem =
  | 'required'
  | 'unknown_field'
  | 'wrong_type'
  | 'too_long'
  | 'not_an_option'
  | 'bad_format'
  | 'in_future'
  | 'too_old'
  | 'not_positive'
  | 'too_many_decimals'
  | 'too_many_files'
  /** An attachment id that is unknown, not the caller's own upload, or already used (the server's check). */
  | 'unknown_file';

export interface FieldProblem {
  key: string;
  problem: Problem;
  /** For a TXID or an address of the wrong shape: the network (as answered) whose shape it missed. */
  network?: string;
}

/** The key of the field whose answer picks the network a `txid` or `address` is checked for. */
export const NETWORK_KEY = 'network';
/** A phone's clock may run a little ahead of the server's. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Older than this is a typo (2015 for 2025), not a case a support desk can still look into. */
export const OLDEST_YEARS = 10;
/** Ether and most ERC-20 tokens have 18 decimals; nothing common has more. */
export const MAX_DECIMALS = 18;
const DEFAULT_MAX_LENGTH = 5000;

// ---------------------------------------------------------------- networks

/** Families of networks that share a TXID and an address shape. */
export type Chain = 'bitcoin' | 'evm' | 'tron' | 'solana' | 'ton' | 'xrp' | 'litecoin' | 'dogecoin';

/** How exchanges name networks (ignoring case, spaces and punctuation), by family. */
const NETWORK_NAMES: Record<Chain, string[]> = {
  bitcoin: ['BTC', 'BITCOIN', 'SEGWIT', 'BTCSEGWIT'],
  evm: [
    'ETH',
    'ERC20',
    'ETHEREUM',
    'BEP20',
    'BSC',
    'BNBSMARTCHAIN',
    'POLYGON',
    'POLYGONPOS',
    'MATIC',
    'POL',
    'ARBITRUM',
    'ARBITRUMONE',
    'ARB',
    'OPTIMISM',
    'OP',
    'BASE',
    'AVAXC',
    'AVAXCCHAIN',
    'CCHAIN',
    'LINEA',
    'ZKSYNC',
    'ZKSYNCERA',
    'OPBNB',
    'ETC',
  ],
  tron: ['TRC20', 'TRX', 'TRON'],
  solana: ['SOL', 'SOLANA', 'SPL'],
  ton: ['TON', 'TONCOIN'],
  xrp: ['XRP', 'RIPPLE', 'XRPL'],
  litecoin: ['LTC', 'LITECOIN'],
  dogecoin: ['DOGE', 'DOGECOIN'],
};
const CHAIN_BY_NAME = new Map<string, Chain>(
  Object.entries(NETWORK_NAMES).flatMap(([chain, names]) => names.map((n) => [n, chain as Chain])),
);

/**
 * The family of a network as a form's options name it: "TRC20", "Arbitrum One", "BNB Smart Chain
 * (BEP20)". Null for "Other" and anything unknown: then any known shape is accepted.
 */
export function chainOf(network: unknown): Chain | null {
  if (typeof network !== 'string') return null;
  const upper = network.toUpperCase();
  const whole = CHAIN_BY_NAME.get(upper.replace(/[^A-Z0-9]/g, ''));
  if (whole) return whole;
  for (const word of upper.split(/[^A-Z0-9]+/)) {
    const chain = word ? CHAIN_BY_NAME.get(word) : undefined;
    if (chain) return chain;
  }
  return null;
}

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/;
const HEX64 = /^[0-9a-fA-F]{64}$/;
const EVM_HASH = /^0x[0-9a-fA-F]{64}$/;
const BASE64_32_BYTES = /^[A-Za-z0-9+/_-]{43}=?$/;

/** How many bytes a base58 string stands for (leading "1"s are zero bytes); null if not base58. */
export function base58ByteLength(value: string): number | null {
  if (!BASE58.test(value)) return null;
  let n = 0n;
  for (const c of value) n = n * 58n + BigInt(BASE58_ALPHABET.indexOf(c));
  let bytes = 0;
  for (; n > 0n; n >>= 8n) bytes++;
  let zeros = 0;
  while (value[zeros] === '1') zeros++;
  return bytes + zeros;
}

const base58Of = (value: string, min: number, max: number, bytes: number) =>
  value.length >= min && value.length <= max && base58ByteLength(value) === bytes;

/** A transaction id of a network's family (null: any family's). */
export function txidFits(value: string, chain: Chain | null): boolean {
  switch (chain) {
    // Bitcoin-like chains, Tron and the XRP Ledger show a 32-byte hash as 64 hex digits, no 0x.
    case 'bitcoin':
    case 'litecoin':
    case 'dogecoin':
    case 'tron':
    case 'xrp':
      return HEX64.test(value);
    case 'evm':
      return EVM_HASH.test(value);
    // A Solana transaction is named by its first signature: 64 bytes in base58 (up to 88 chars).
    case 'solana':
      return base58Of(value, 64, 88, 64);
    // TON explorers show a transaction hash as 64 hex digits, its APIs as 32 bytes of base64.
    case 'ton':
      return HEX64.test(value) || BASE64_32_BYTES.test(value);
    case null:
      return (
        HEX64.test(value) ||
        EVM_HASH.test(value) ||
        base58Of(value, 64, 88, 64) ||
        BASE64_32_BYTES.test(value)
      );
  }
}

const BECH32_CHARS = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
/** A segwit address (bc1…, ltc1…): one case throughout, 6+ data characters of the bech32 set. */
function bech32Fits(value: string, prefix: string): boolean {
  if (value !== value.toLowerCase() && value !== value.toUpperCase()) return false;
  const v = value.toLowerCase();
  if (!v.startsWith(`${prefix}1`) || v.length < 14 || v.length > 74) return false;
  return [...v.slice(prefix.length + 1)].every((c) => BECH32_CHARS.includes(c));
}

/** A deposit or withdrawal address of a network's family (null: any family's, or anything plausible). */
export function addressFits(value: string, chain: Chain | null): boolean {
  switch (chain) {
    case 'bitcoin':
      return /^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/.test(value) || bech32Fits(value, 'bc');
    case 'litecoin':
      return /^[LM3][1-9A-HJ-NP-Za-km-z]{26,33}$/.test(value) || bech32Fits(value, 'ltc');
    case 'dogecoin':
      return /^[DA9][1-9A-HJ-NP-Za-km-z]{33}$/.test(value);
    case 'evm':
      return /^0x[0-9a-fA-F]{40}$/.test(value);
    // Base58check of 25 bytes whose first is 0x41: always 34 characters starting with T.
    case 'tron':
      return /^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(value) && base58ByteLength(value) === 25;
    // An ed25519 public key: 32 bytes in base58.
    case 'solana':
      return base58Of(value, 32, 44, 32);
    // User-friendly (36 bytes in base64url or base64: 48 characters) or raw (workchain:64 hex).
    case 'ton':
      return /^[A-Za-z0-9+/_-]{48}$/.test(value) || /^-?\d{1,3}:[0-9a-fA-F]{64}$/.test(value);
    // Classic addresses are 25–35 characters starting with r; X-addresses pack a destination tag.
    case 'xrp':
      return /^r[1-9A-HJ-NP-Za-km-z]{24,34}$/.test(value) || /^X[1-9A-HJ-NP-Za-km-z]{46,47}$/.test(value);
    case null:
      return /^[A-Za-z0-9:_+/=-]{20,128}$/.test(value);
  }
}

// ---------------------------------------------------------------- one answer

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const SIGNED_DECIMAL = /^-?\d+(\.\d+)?$/;
const UID = /^[A-Za-z0-9_-]{1,64}$/;

/** A number's decimal digits as written, without an exponent (1e-7 → "0.0000001"). */
function asDecimal(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = m;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A regular expression an admin gave, matched against the whole answer; null if it does not compile. */
export function fullPattern(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return null;
  }
}

export interface AnswerContext {
  /** The answer to the form's `network` field, if any. */
  network?: unknown;
  /** Epoch milliseconds. */
  now: number;
}

/**
 * What is wrong with one non-empty answer, or null. Numbers may come as numbers or as strings;
 * everything else must be a string.
 */
export function checkAnswer(
  field: FieldRule,
  raw: unknown,
  context: AnswerContext,
): Omit<FieldProblem, 'key'> | null {
  if (field.type === 'number' || field.type === 'amount') return checkNumber(field.type, raw);
  if (field.type === 'attachments') return checkFileIds(field, raw);
  if (typeof raw !== 'string') return { problem: 'wrong_type' };
  const value = raw.trim();
  if (value.length > (field.maxLength ?? DEFAULT_MAX_LENGTH)) return { problem: 'too_long' };
  switch (field.type) {
    case 'select':
      return field.options?.includes(value) ? null : { problem: 'not_an_option' };
    case 'datetime':
      return checkDateTime(value, context.now);
    case 'txid':
    case 'address': {
      const chain = chainOf(context.network);
      const fits = field.type === 'txid' ? txidFits(value, chain) : addressFits(value, chain);
      if (fits) return null;
      return chain && typeof context.network === 'string'
        ? { problem: 'bad_format', network: context.network }
        : { problem: 'bad_format' };
    }
    case 'uid':
      return UID.test(value) ? null : { problem: 'bad_format' };
    case 'text': {
      const pattern = field.pattern ? fullPattern(field.pattern) : null;
      return pattern && !pattern.test(value) ? { problem: 'bad_format' } : null;
    }
    default:
      return null;
  }
}

function checkNumber(type: 'number' | 'amount', raw: unknown): Omit<FieldProblem, 'key'> | null {
  let text: string;
  if (typeof raw === 'number') text = asDecimal(raw);
  else if (typeof raw === 'string') text = raw.trim();
  else return { problem: 'wrong_type' };
  if (type === 'number') return SIGNED_DECIMAL.test(text) ? null : { problem: 'wrong_type' };
  if (!DECIMAL.test(text)) return { problem: text.startsWith('-') ? 'not_positive' : 'wrong_type' };
  const [whole = '', decimals = ''] = text.split('.');
  if (!/[1-9]/.test(whole + decimals)) return { problem: 'not_positive' };
  if (decimals.length > MAX_DECIMALS) return { problem: 'too_many_decimals' };
  // A thousand trillion of anything is a slip of the finger, and past it a number loses digits.
  if (whole.replace(/^0+/, '').length > 15) return { problem: 'bad_format' };
  return null;
}

/** The ids' shape and count only: whether each is the caller's unused upload is the server's to check. */
function checkFileIds(field: FieldRule, raw: unknown): Omit<FieldProblem, 'key'> | null {
  if (!Array.isArray(raw) || !raw.every((id) => typeof id === 'string' && ATTACHMENT_ID.test(id)))
    return { problem: 'wrong_type' };
  return new Set(raw).size > maxFilesOf(field) ? { problem: 'too_many_files' } : null;
}

/** How many files an `attachments` field takes. */
export const maxFilesOf = (field: Pick<FieldRule, 'maxFiles'>) =>
  Math.min(Math.max(field.maxFiles ?? 1, 1), MAX_FILES);

function checkDateTime(value: string, now: number): Omit<FieldProblem, 'key'> | null {
  if (!DATE_TIME.test(value)) return { problem: 'bad_format' };
  // Without a zone the time is local to whoever reads it: the customer's own on the page.
  const t = Date.parse(value.replace(' ', 'T'));
  if (Number.isNaN(t)) return { problem: 'bad_format' };
  if (t > now + CLOCK_SKEW_MS) return { problem: 'in_future' };
  const oldest = new Date(now);
  oldest.setFullYear(oldest.getFullYear() - OLDEST_YEARS);
  return t < oldest.getTime() ? { problem: 'too_old' } : null;
}

// ---------------------------------------------------------------- a whole form

export type CheckedAnswers =
  | { ok: true; values: Record<string, AnswerValue> }
  | { ok: false; problems: FieldProblem[] };

/**
 * An answer that passed its check, as stored: numbers as numbers, text trimmed, and an amount as
 * the exact decimal text — a JS number would round 0.123456789012345678 ETH, and a money amount an
 * agent compares with the ledger must be the digits the customer typed.
 */
export function cleanAnswer(field: FieldRule, raw: unknown): AnswerValue {
  if (field.type === 'attachments') return [...new Set((raw as string[]).map((id) => id.toLowerCase()))];
  if (field.type === 'amount') return typeof raw === 'number' ? asDecimal(raw) : String(raw).trim();
  return field.type === 'number' ? Number(raw) : String(raw).trim();
}

export const isEmpty = (raw: unknown) =>
  raw === undefined ||
  raw === null ||
  (typeof raw === 'string' && raw.trim() === '') ||
  (Array.isArray(raw) && raw.length === 0);

/**
 * At most this many problems are reported: an answer of 40,000 unknown keys must not build 40,000
 * messages (the refusal names the first ones; that is enough to correct the form).
 */
export const MAX_PROBLEMS = 20;

/** Checks every answer against the form: the cleaned answers, or the problems found (at most MAX_PROBLEMS). */
export function checkAnswers(
  fields: readonly FieldRule[],
  answers: Record<string, unknown>,
  now: number = Date.now(),
): CheckedAnswers {
  const problems: FieldProblem[] = [];
  const values: Record<string, AnswerValue> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key in answers) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (Object.hasOwn(answers, key) && !known.has(key)) problems.push({ key, problem: 'unknown_field' });
  }
  const context: AnswerContext = { network: answers[NETWORK_KEY], now };
  for (const field of fields) {
    const raw = answers[field.key];
    if (isEmpty(raw)) {
      if (field.required) problems.push({ key: field.key, problem: 'required' });
      continue;
    }
    const problem = checkAnswer(field, raw, context);
    if (problem) problems.push({ key: field.key, ...problem });
    else values[field.key] = cleanAnswer(field, raw);
  }
  return problems.length ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS) } : { ok: true, values };
}

/** Problems with a form's rules that a schema cannot see (an unusable pattern, an example that misses it). */
export function ruleProblems(fields: readonly FieldRule[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    if (f.maxFiles !== undefined && f.type !== 'attachments')
      out.push(`form.fields.${f.key}: only an attachments field takes maxFiles`);
    if (f.pattern === undefined) {
      if (f.example !== undefined) out.push(`form.fields.${f.key}: an example goes with a pattern`);
      continue;
    }
    if (f.type !== 'text') out.push(`form.fields.${f.key}: only a text field takes a pattern`);
    const re = fullPattern(f.pattern);
    if (!re) out.push(`form.fields.${f.key}: the pattern is not a valid regular expression`);
    else if (f.example !== undefined && !re.test(f.example))
      out.push(`form.fields.${f.key}: the example does not match the pattern`);
  }
  return out;
}
