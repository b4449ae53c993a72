import { seeded } from '../corpus-secrets.ts';

/** One training example: its features with their values (1 for a present binary feature). */
export interface LogisticExample {
  features: ReadonlyArray<readonly [string, number]>;
  label: boolean;
}

/**
 * Logistic regression by stochastic gradient descent, as both of the safety screen's models are
 * trained (the ask classifier, train-asks.ts; the code and password candidates, train-context.ts):
 * a seeded shuffle per epoch, a learning rate that decays as rate / (1 + epoch / 10), L2 shrinkage
 * on the weights a step touches. Deterministic for a seed, so a retrain reproduces the committed
 * model file; the callers round and prune the weights they keep.
 */
export function fitLogistic(
  examples: readonly LogisticExample[],
  options: { seed: number; epochs: number; rate: number; l2: number },
): { bias: number; weights: Map<string, number> } {
  const weights = new Map<string, number>();
  let bias = 0;
  const rng = seeded(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = options.rate / (1 + epoch / 10);
    for (const k of order) {
      const e = examples[k]!;
      let z = bias;
      for (const [f, v] of e.features) z += (weights.get(f) ?? 0) * v;
      const g = 1 / (1 + Math.exp(-z)) - (e.label ? 1 : 0);
      bias -= rate * g;
      for (const [f, v] of e.features) {
        const old = weights.get(f) ?? 0;
        weights.set(f, old - rate * (g * v + options.l2 * old));
      }
    }
  }
  return { bias, weights };
}
