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

export function detectInContext(original: string, model: ContextModel = contextModel()): Finding[] {
  const out: Finding[] = [];
  for (const c of allCandidates(original, gatesOn())) {
    if (c.excluded) continue;
    const m: KindModel = model[c.kind as CandidateKind];
    if (candidateProbability(m, c.features) >= m.threshold)
      out.push({ kind: c.kind, start: c.start, end: c.end });
  }
  return out;
}
