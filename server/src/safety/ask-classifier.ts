import { readFileSync } from 'node:fs';
import {
  detectSecretRequests,
  plainlyNotAsk,
  type RequestOptions,
  type RequestSignals,
  requestSignals,
  sentences,
} from './detect-request.ts';
import type { Finding } from './findings.ts';
import { simplifiedSameLength } from './simplified.ts';

/**
 * A small logistic-regression classifier for "this agent reply asks the customer for a secret",
 * next to the phrase grammar of detect-request.ts. The grammar was tuned on a few hundred asks and
 * misses paraphrases it has not met; the classifier reads character n-grams (zh-Hans, zh-Hant via
 * the same Simplified conversion, en), English words and word pairs, and the grammar's own cues
 * (a secret named, a request verb, advice/negation, "we will send you"), so it generalises from
 * wording to wording. Trained by `npm run train:asks` (eval/train-asks.ts) into ask-model.json.
 */

export interface AskModel {
  /** How the model was made: sets, rows, seed, epochs, regularisation. */
  trainedOn: { sets: string[]; rows: number; seed: number; epochs: number; l2: number };
  bias: number;
  /** Probability at or above which a reply is an ask (see `combine` for how it meets the rules). */
  threshold: number;
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
  const t = ` ${canonical(text, simplified)} `;
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
 * "we will send you a code", "you already sent it", "reset your 2FA", "enter it in the app", a request
 * with a harmless object of its own such as an order number or a page) leave the verdict to the rules: the classifier
 * only adds a block where none of them is present, so advice is never blocked by it.
 */
const VETO_SIGNALS = [
  'negation',
  'circumstance',
  'weSend',
  'customerDid',
  'managed',
  'ownPlace',
  'ownObject',
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

/** Pieces of a reply the classifier reads: the whole reply, or each of its sentences. */
function windows(text: string): Array<{ start: number; end: number }> {
  const trimmedEnd = text.trimEnd().length;
  if (text.length <= WINDOW_CHARS) return [{ start: 0, end: trimmedEnd }];
  const s = sentences(text);
  if (s.length <= 2) return [{ start: 0, end: trimmedEnd }];
  // Each sentence alone: a neighbour's "deposit record" must not excuse it. (An ask whose secret
  // was named in the sentence before is the rules' anaphora.)
  return s.map((x) => ({ start: x.start, end: x.start + x.text.trimEnd().length }));
}

/**
 * The rules and the classifier together: a rule hit blocks (the grammar is the floor); a reply the
 * rules let through is blocked when the classifier is sure enough that it asks. A reply is read
 * whole, or sentence by sentence when long; the finding covers the piece that asks.
 */
export function detectAsks(text: string, options: RequestOptions = {}, model: AskModel = askModel()) {
  const rules = detectSecretRequests(text, options);
  if (rules.length > 0) return rules;
  const found: Finding[] = [];
  // Converted once: Simplified keeps offsets, so each piece is a slice of it.
  const read = simplifiedSameLength(text);
  for (const w of windows(text)) {
    const piece = read.slice(w.start, w.end);
    if (!piece.trim()) continue;
    // The cues first: a piece they veto is not read further (most of a long reply, cheaply).
    if (plainlyNotAsk(piece)) continue;
    const signals = requestSignals(piece, true);
    if (VETO_SIGNALS.some((v) => signals[v])) continue;
    if (classifierAsks(model, askFeatures(piece, signals, true))) {
      found.push({ kind: 'secret_request', start: w.start, end: w.end });
    }
  }
  return found;
}
