import { readFileSync } from 'node:fs';
import { mayDescribeSecret, structureFeatures } from './ask-structure.ts';
import { clauseBounds, namesSecret, sentences } from './ask-text.ts';
import { withoutCorrected } from './corrected-request.ts';
import {
  detectSecretRequests,
  type RequestOptions,
  type RuleHit,
  requestsAnotherObject,
} from './detect-request.ts';
import { saysItIsAnotherKind, withoutDisowned } from './disowned-secret.ts';
import type { Finding } from './findings.ts';
import { isInternalNote } from './internal-note.ts';
import { withoutReportedQuotes } from './reported-speech.ts';
import { handsOverPlainly, plainlyNotAsk, type RequestSignals, requestSignals } from './request-signals.ts';
import { shapeOfAnotherObject } from './request-words.ts';
import { withoutLaterCorrection, withoutSelfCorrection } from './self-correction.ts';
import { simplifiedSameLength } from './simplified.ts';

/**
 * A small logistic-regression classifier for "this agent reply asks the customer for a secret",
 * next to the phrase grammar of detect-request.ts. The grammar was tuned on a few hundred asks and
 * misses paraphrases it has not met; the classifier reads character n-grams (zh-Hans, zh-Hant via
 * the same Simplified conversion, en), English words and word pairs, and the grammar's own cues
 * (a secret named, a request verb, advice/negation, "we will send you"), so it generalises from
 * wording to wording; and the roles of a reply's words (ask-structure.ts: where the thing goes, a
 * generic noun with a security qualifier, a part, a medium), which carry to wordings it never met.
 * Trained by `npm run train:asks` (eval/train-asks.ts) into ask-model.json.
 */

export interface AskModel {
  /** How the model was made: sets, rows, seed, epochs, regularisation. */
  trainedOn: { sets: string[]; rows: number; seed: number; epochs: number; l2: number };
  bias: number;
  /** Probability at or above which a reply is an ask (see `combine` for how it meets the rules). */
  threshold: number;
  /**
   * A rule hit whose sentence does not plainly hand a secret over is overruled when the classifier
   * gives that sentence less than this (0 or absent: never). Chosen by the trainer with the
   * threshold, out of fold on the new authors' sets (eval/train-asks.ts, chooseOnNewAuthors).
   */
  vetoBelow?: number;
  weights: Record<string, number>;
}

/** The grammar's cues, named as features. */
const SIGNALS = [
  'secret',
  'request',
  'handOver',
  'neverLegit',
  'negation',
  'circumstance',
  'weSend',
  'customerDid',
  'ownObject',
  'liveSecret',
  'managed',
  'ownPlace',
] as const;

/** Words that point back to a thing named earlier in the reply: "what it is", "them", "是多少". */
const POINTS_BACK =
  /\b(?:it|them|those|these|that one|what it says|what you got|what you see|the numbers?|the digits|the words)\b|是多少|是什么|它|那个|那串|那几个/i;

/** A reply longer than this is read sentence by sentence, so one ask is not diluted by prose. */
const WINDOW_CHARS = 240;

/** The text the n-grams are read from: Simplified, lower case, digits as 0, spaces collapsed. */
function canonical(text: string, simplified: boolean): string {
  return (simplified ? text : simplifiedSameLength(text))
    .toLowerCase()
    .replace(/\bu\b/g, 'you')
    .replace(/\bur\b/g, 'your')
    .replace(/\bpls\b|\bplz\b/g, 'please')
    .replace(/[’‘]/g, "'")
    .replace(/\d/g, '0')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The features of one piece of text, with their values. N-gram features are binary and scaled by
 * 1/√(their number), so a long reply does not outweigh a short one; the grammar's cues count 1.
 */
export function askFeatures(
  text: string,
  signals: RequestSignals = requestSignals(text),
  simplified = false,
): Map<string, number> {
  const out = new Map<string, number>();
  const grams = new Set<string>();
  // Read as the rules read it: a secret taken back ("the passcode… I mean the promo code") or
  // disowned ("不是验证码") is not there (round 16).
  const t = ` ${withoutDisowned(withoutSelfCorrection(canonical(text, simplified)))} `;
  // Code points, not UTF-16 units (an emoji is one character); plain slicing when there is no pair.
  const chars = /[\uD800-\uDFFF]/.test(t) ? Array.from(t) : null;
  const length = chars ? chars.length : t.length;
  for (let n = 2; n <= 4; n++)
    for (let i = 0; i + n <= length; i++)
      grams.add(`c:${chars ? chars.slice(i, i + n).join('') : t.slice(i, i + n)}`);
  const words = t.match(/[a-z0-9']+/g) ?? [];
  for (let i = 0; i < words.length; i++) {
    grams.add(`w:${words[i]}`);
    if (i + 1 < words.length) grams.add(`b:${words[i]} ${words[i + 1]}`);
  }
  const scale = grams.size > 0 ? 1 / Math.sqrt(grams.size) : 0;
  for (const g of grams) out.set(g, scale);
  structureFeatures(t, signals.secret, out);
  for (const name of SIGNALS) if (signals[name]) out.set(`s:${name}`, 1);
  // Pairs the grammar reads together: a secret with a request, either with advice.
  if (signals.secret && signals.request) out.set('s:secret+request', 1);
  if (signals.secret && signals.request && signals.negation) out.set('s:secret+request+negation', 1);
  if (signals.liveSecret && signals.request && !signals.negation) out.set('s:live+request-negation', 1);
  return out;
}

export function probability(model: AskModel, features: Map<string, number>): number {
  let z = model.bias;
  for (const [f, v] of features) z += (model.weights[f] ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}

/**
 * Advice and the grammar's other "not an ask" cues (never / don't / anyone who asks, whether / when,
 * "we will send you a code", "you already sent it", "reset your 2FA", "enter it in the app") leave
 * the verdict to the rules: the classifier only adds a block where none of them is present, so
 * advice is never blocked by it. A harmless object (a UID, an order, a page) is a feature, not a
 * veto: "your login password and your UID" and "the page that shows your private key" ask all the
 * same, and out of fold the veto cost more asks (0.933 → 0.956 without it) than it saved alarms.
 */
const VETO_SIGNALS = [
  'negation',
  'circumstance',
  'weSend',
  'customerDid',
  'managed',
  'ownPlace',
] as const satisfies ReadonlyArray<keyof RequestSignals>;
const VETO = VETO_SIGNALS.map((v) => `s:${v}`);
export function classifierMay(features: Map<string, number>): boolean {
  return !VETO.some((v) => features.has(v));
}

/** Whether the classifier alone calls a piece of text an ask. */
export function classifierAsks(model: AskModel, features: Map<string, number>): boolean {
  return classifierMay(features) && probability(model, features) >= model.threshold;
}

let loaded: AskModel | null = null;
/** The committed model (read once; about the size given in docs/safety-evaluation.md). */
export function askModel(): AskModel {
  loaded ??= JSON.parse(readFileSync(new URL('./ask-model.json', import.meta.url), 'utf8')) as AskModel;
  return loaded;
}

/**
 * Pieces of a reply the classifier reads: the whole reply (or each sentence of a long one), then
 * each sentence and each clause that names a secret. A veto cue excuses only the piece it is in:
 * "Give me your password and I'll reset the security settings" is an ask although "reset the
 * security settings" manages a secret, and "Thanks for the UID. What is the 2FA code displayed?"
 * although a UID is a harmless object. Advice negates its own clause ("never share your phrase").
 */
interface Window {
  start: number;
  end: number;
  /** A sentence or clause read alone; `scope` is its sentence, whose advice still excuses it. */
  clause: boolean;
  scope?: { start: number; end: number };
}
function windows(text: string): Window[] {
  const trimmedEnd = text.trimEnd().length;
  const s = sentences(text);
  const whole =
    text.length <= WINDOW_CHARS || s.length <= 2
      ? [{ start: 0, end: trimmedEnd, clause: false }]
      : s.map((x) => ({ start: x.start, end: x.start + x.text.trimEnd().length, clause: false }));
  const parts: Window[] = [];
  for (const x of s) {
    const bounds = clauseBounds(x.text);
    const scope = { start: x.start, end: x.end };
    if (s.length > 1 && text.length <= WINDOW_CHARS) parts.push({ ...scope, clause: true });
    if (bounds.length > 1)
      for (const b of bounds)
        parts.push({ start: x.start + b.start, end: x.start + b.end, clause: true, scope });
  }
  return [...whole, ...parts];
}

/**
 * The rules and the classifier together: a rule hit blocks (the grammar is the floor); a reply the
 * rules let through is blocked when the classifier is sure enough that it asks. A reply is read
 * whole, or sentence by sentence when long; the finding covers the piece that asks.
 */
export function detectAsks(text: string, options: RequestOptions = {}, model: AskModel = askModel()) {
  // A note to colleagues typed in the reply box reports a secret's fate; it asks the customer nothing.
  if (isInternalNote(text)) return [];
  // A number or a code said to be another kind and no secret, anywhere in the reply (disowned-secret.ts).
  if (saysItIsAnotherKind(text)) return [];
  const rules = detectSecretRequests(text, options)
    .filter((f) => !overrules(model, text, f))
    .map(({ kind, start, end }): Finding => ({ kind, start, end }));
  if (rules.length > 0) return rules;
  // A yes/no asked for in so many words, the content refused ("…是不同的吧？是/否就行，不用告诉我内容"):
  // the classifier, which reads a secret named beside a question, is not asked (round 29).
  if (YES_NO_ONLY_ANSWER.test(text) && CONTENT_REFUSED.test(text)) return [];
  // A request the next sentence corrects ("The date, not the code.") asks for the other thing.
  return withoutCorrected(text, classifierFindings(text, model));
}

const YES_NO_ONLY_ANSWER =
  /(?:是\/否|是或否|有或没有|有或沒有)\s*(?:就行|就好|就可以|即可)|只要(?:讲|講|说|說|回答?|回覆|回复)\s*["“「]?(?:有|是|对|對)["”」]?\s*(?:或者?|还是|還是)|\bjust\s+(?:say|answer|reply)\s+["“']?(?:yes|no)["”']?\s+or\s+["“']?(?:yes|no)\b|\bjust\s+(?:a\s+)?yes\s+or\s+(?:a\s+)?no\b|(?:只需|只要|仅需|僅需)(?:回答|回复|回覆)\s*(?:是或否|有或没有|有或沒有|是\/否)/iu;
const CONTENT_REFUSED =
  /不用告诉我(?:内容|具体|是什么)|不用告訴我(?:內容|具體|是什麼)|(?:别|別|不要|覅|不用|唔使)(?:讲|講|说|說|告诉我|告訴我|发|發)(?:码|碼|密码|密碼|内容|內容|具体|具體)|\bdon'?t\s+(?:tell|send|give)\s+(?:me\s+|us\s+)?(?:the\s+|your\s+)?(?:code|password|pin|it|digits)\b/iu;

/**
 * Whether the classifier overrules one rule hit. The rules read a named secret next to a request
 * verb as an ask, and on new authors' text most of their false alarms are procedure ("confirm with
 * your funds password and 2FA code"), explanation ("the funds password is used only to confirm
 * withdrawals"), a code's status ("验证码60秒后可重新发送") or "enter it in the app, not here" — a
 * verb and a secret in one sentence, with nothing handed to the agent. A sentence that plainly hands
 * a secret over (to me / 告诉我 / I need your …, a seed phrase or private key, the agent acting
 * with it) is never overruled; another hit is when the classifier, read on that sentence alone,
 * gives it less than `vetoBelow` (chosen out of fold: eval/train-asks.ts). "Plainly" means the
 * hand-over and the secret in one clause (handsOverPlainly): "tell me and I'll switch you to voice
 * OTP" names a code and a "tell me" in one sentence, and the classifier may overrule it.
 */
export function overrules(model: AskModel, text: string, hit: RuleHit): boolean {
  return (model.vetoBelow ?? 0) > 0 && ruleHitScore(model, text, hit) < model.vetoBelow!;
}

/** The classifier's probability for a rule hit's sentence (1 when it plainly hands a secret over). */
export function ruleHitScore(model: AskModel, text: string, hit: RuleHit): number {
  const piece = simplifiedSameLength(withoutReportedQuotes(text)).slice(hit.start, hit.end);
  // A plain hit (a guess to confirm, a make-up question, another medium, "send yours"): never overruled.
  if (hit.plain || handsOverPlainly(piece)) return 1;
  return probability(model, askFeatures(piece, requestSignals(piece, true), true));
}

/** The classifier alone (the trainer's cross-validation scores it so). */
export function classifierFindings(original: string, model: AskModel = askModel()): Finding[] {
  // A scammer's ask quoted in a warning is not the agent's (blanked; offsets unchanged).
  const text = withoutReportedQuotes(original);
  const found: Finding[] = [];
  // Converted once: Simplified keeps offsets, so each piece is a slice of it.
  const read = simplifiedSameLength(text);
  // A request whose secret is taken back ("Could you send the PIN… sorry, I mean the shipping
  // reference?") names what it asks for, and nothing else in the reply names a secret (round 16).
  const corrected = withoutLaterCorrection(withoutSelfCorrection(read));
  if (corrected !== read && !namesSecret(corrected) && !mayDescribeSecret(corrected)) return found;
  let replyNames: boolean | undefined;
  const replyNamesSecret = () => {
    replyNames ??= namesSecret(read);
    return replyNames;
  };
  const scopeVetoed = new Map<number, boolean>();
  for (const w of windows(text)) {
    const piece = read.slice(w.start, w.end);
    if (!piece.trim()) continue;
    // A sentence or clause read alone must name its secret, or point back to one the reply names
    // ("We just sent a code to your email. Please tell me what it is."); tested first, it is cheap.
    // Or describe one in words no list has ("the backup sentence"): the structure features read it.
    const describes = () => mayDescribeSecret(piece);
    if (w.clause && !namesSecret(piece) && !(POINTS_BACK.test(piece) && replyNamesSecret()) && !describes())
      continue;
    // Any piece that blocks names a secret, describes one or points back to one ("Could you jot
    // those down?"); a request for a TXID or an amount is not read further (cheap, and most agent
    // sentences).
    if (!w.clause && !POINTS_BACK.test(piece) && !namesSecret(piece) && !describes()) continue;
    // The cues first: a piece they veto is not read further (most of a long reply, cheaply).
    if (plainlyNotAsk(piece)) continue;
    if (w.scope) {
      let vetoed = scopeVetoed.get(w.scope.start);
      if (vetoed === undefined) {
        vetoed = plainlyNotAsk(read.slice(w.scope.start, w.scope.end));
        scopeVetoed.set(w.scope.start, vetoed);
      }
      if (vetoed) continue;
    }
    const signals = requestSignals(piece, true);
    // "Managed" ("reset", "arrived") does not excuse a live secret handed over: "read me the six
    // digits that just arrived on your phone".
    if (VETO_SIGNALS.some((v) => signals[v] && !(v === 'managed' && signals.handOver && signals.liveSecret)))
      continue;
    if (probability(model, askFeatures(piece, signals, true)) < model.threshold) continue;
    // A harmless object that owns the request or the shape ("share the error message you see after
    // entering the SMS code", "请提供订单号，就是那串十二位数字"): tested last, only for a would-be block.
    if (shapeOfAnotherObject(piece, w.scope ? read.slice(w.scope.start, w.scope.end) : piece)) continue;
    if (!requestsAnotherObject(piece)) {
      found.push({ kind: 'secret_request', start: w.start, end: w.end });
      break;
    }
  }
  return found;
}
