import { readFileSync } from 'node:fs';
import type { Finding } from './findings.ts';
import { gatesOn } from './gates.ts';
import {
  type Candidate,
  type CandidateKind,
  codeCandidates,
  namesCode,
  passwordCandidates,
} from './secret-candidates.ts';
import { simplifiedSameLength } from './simplified.ts';

/**
 * Codes and passwords given in context, found by weighing evidence rather than matching phrasings:
 * every candidate of secret-candidates.ts is scored by a logistic model per kind (trained by
 * `npm run train:context`, eval/train-context.ts, on the development sets) and taken when its
 * probability reaches the kind's threshold. The phrase rules of detect-credentials.ts and
 * detect-codes.ts stay as a floor; this adds what they never met the wording of.
 */

export interface KindModel {
  bias: number;
  threshold: number;
  weights: Record<string, number>;
}
export interface ContextModel {
  trainedOn: { sets: string[]; candidates: number; iterations: number; l2: number };
  verification_code: KindModel;
  password: KindModel;
}

export function candidateProbability(model: KindModel, features: readonly string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** Every candidate with all its evidence (for training); `forScoring` spares what exclusion makes moot. */
export function allCandidates(original: string, forScoring = false): Candidate[] {
  const text = simplifiedSameLength(original);
  return [...codeCandidates(text, namesCode(text), forScoring), ...passwordCandidates(text)];
}

let loaded: ContextModel | null = null;
/** The model in use: the committed file, or one the trainer sets while cross-validating. */
export function contextModel(): ContextModel {
  loaded ??= JSON.parse(
    readFileSync(new URL('./context-model.json', import.meta.url), 'utf8'),
  ) as ContextModel;
  return loaded;
}
/** For the trainer's cross-validation only: score with another model (null: the committed one). */
export function scoreWithContextModel(model: ContextModel | null) {
  loaded = model;
}

/**
 * A code's siblings (round 27): a message that gives one code and then the next one the customer was
 * sent ("第一条短信 317529 来得卡慢……第二条 620184", "first one 203958, then another 861407") tells of
 * both, though the first stands further from the words that name it. Once a code is taken, another
 * candidate of the same number of digits is taken at this lower probability; an order number or a
 * UID beside it is no candidate or scores far below (secret-candidates.ts excludes named others).
 */
const SIBLING_CODE = 0.45;

export function detectInContext(original: string, model: ContextModel = contextModel()): Finding[] {
  const out: Finding[] = [];
  const codes: { c: Candidate; p: number }[] = [];
  for (const c of allCandidates(original, gatesOn())) {
    if (c.excluded) continue;
    const m: KindModel = model[c.kind as CandidateKind];
    const p = candidateProbability(m, c.features);
    if (p >= m.threshold) out.push({ kind: c.kind, start: c.start, end: c.end });
    else if (c.kind === 'verification_code') codes.push({ c, p });
  }
  const taken = out.filter((f) => f.kind === 'verification_code').map((f) => digitCount(original, f));
  for (const { c, p } of codes)
    if (p >= SIBLING_CODE && taken.includes(digitCount(original, c)))
      out.push({ kind: c.kind, start: c.start, end: c.end });
  return out;
}

function digitCount(text: string, at: { start: number; end: number }) {
  return text.slice(at.start, at.end).replace(/\D/g, '').length;
}
