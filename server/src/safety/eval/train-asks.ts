/**
 * `npm run train:asks [-- --cv]`: trains the ask classifier (../ask-classifier.ts) on the
 * development sets' agent replies and writes ../ask-model.json. Logistic regression, trained by
 * stochastic gradient descent with L2, rows shuffled by a fixed seed, so the same rows give the
 * same file. `--cv` first cross-validates across sets: for each set, train on the others and score
 * that one (rules alone, classifier alone, both), which is how the threshold and the veto are
 * chosen: together, on the folds of the authors no rule was written against (NEW_AUTHORS; the old
 * budget rule with ASK_BY_BUDGET=1). The folds always run (they choose the threshold and veto);
 * ASK_THRESHOLD=… ASK_VETO=… trains once with given ones instead.
 * Held-out parts are never read here.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type AskModel, askFeatures, classifierFindings, ruleHitScore } from '../ask-classifier.ts';
import { clauseBounds, sentences } from '../ask-text.ts';
import { detectMnemonics } from '../detect-mnemonic.ts';
import { detectSecretRequests } from '../detect-request.ts';
import type { Finding } from '../findings.ts';
import { withoutReportedQuotes } from '../reported-speech.ts';
import { requestSignals } from '../request-signals.ts';
import { simplifiedSameLength } from '../simplified.ts';
import { fitLogistic } from './logistic.ts';
import { type AskRow, EVAL_DATA, isHeldOut, readJsonl } from './score.ts';

/**
 * Sets no rule was written against when they came (each scored once with the code of its day before
 * its rows were read; train15b, train15c, train16b and train17b never read): only on these is the grammar out of sample,
 * so the veto is chosen on them.
 */
const NEW_AUTHORS = [
  'train11a',
  'train11b',
  'train13a',
  'train13b',
  'train14a',
  'train15a',
  'train15b',
  'train15c',
  'train16a',
  'train16b',
  'train17a',
  'train17b',
  'train18a',
  'train18b',
  'train19a',
  'train19b',
  'train20a',
  'train21a',
  'train22a',
  'train23a',
  'train24a',
];
/** Every training set, the new authors last (the order the examples are read in). */
const TRAIN_SETS = [
  'dev',
  'dev2',
  'own',
  'dev3',
  'dev4',
  'dev5',
  'dev6',
  'dev7',
  'own8',
  'own9',
  'dev8',
  'dev9',
  'dev10',
  'train10',
  ...NEW_AUTHORS,
];
const SEED = 20261202;
const EPOCHS = Number(process.env.ASK_EPOCHS ?? 60);
const L2 = Number(process.env.ASK_L2 ?? 1e-3);
const RATE = Number(process.env.ASK_RATE ?? 0.5);
/**
 * A feature must occur in this many training rows to get a weight (keeps the file small: 3 since
 * round 8, whose copies without cues weight many more n-grams; out of fold the same as 2). 6 since
 * round 11, whose training rows grew by 60 % with train10: 4 gave 207 KiB, 6 gives 144 KiB with
 * the same out-of-fold figures (pooled asks 0.985 → 0.983, false alarms 0.7 % → 0.6 %).
 */
const MIN_ROWS = 6;
const PRUNE = 0.08;
/** Out-of-fold false alarms on innocent replies the chosen threshold may cause (goal: ≤ 1 % overall). */
const FALSE_ALARM_BUDGET = 0.005;
const GRID = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
const MODEL_FILE = join(EVAL_DATA, '..', 'ask-model.json');

interface Example {
  set: string;
  row: AskRow;
  features: Map<string, number>;
  /** An innocent reply's sentences and clauses: the classifier reads each alone, so each is a negative. */
  pieces: Array<Map<string, number>>;
  rule: boolean;
  ruleHits: Finding[];
}

/** The sentences and clauses of a reply (when it has more than one), as the classifier reads them. */
function piecesOf(text: string): Array<Map<string, number>> {
  const read = simplifiedSameLength(withoutReportedQuotes(text));
  const out: string[] = [];
  const s = sentences(read);
  for (const x of s) {
    if (s.length > 1) out.push(x.text);
    const bounds = clauseBounds(x.text);
    if (bounds.length > 1) for (const b of bounds) out.push(x.text.slice(b.start, b.end));
  }
  return out.filter((p) => p.trim()).map((p) => askFeatures(p, requestSignals(p, true), true));
}

function load(): Example[] {
  const out: Example[] = [];
  for (const set of TRAIN_SETS) {
    if (isHeldOut(set)) throw new Error('held-out rows are never trained on');
    const file = join(EVAL_DATA, set, 'agent-asks.jsonl');
    if (!existsSync(file)) continue;
    for (const row of readJsonl<AskRow>(file)) {
      const showsPhrase = detectMnemonics(row.text).length > 0;
      const ruleHits = detectSecretRequests(row.text, { showsPhrase });
      out.push({
        set,
        row,
        features: askFeatures(row.text),
        pieces: row.ask ? [] : piecesOf(row.text),
        rule: ruleHits.length > 0,
        ruleHits,
      });
    }
  }
  return out;
}

export function train(examples: Example[], sets: string[]): AskModel {
  const seen = new Map<string, number>();
  for (const e of examples) for (const f of e.features.keys()) seen.set(f, (seen.get(f) ?? 0) + 1);
  const kept = new Set([...seen].filter(([f, n]) => n >= MIN_ROWS || f.startsWith('s:')).map(([f]) => f));
  // An innocent reply's sentences and clauses are negatives of their own: the classifier reads each
  // piece alone, and a piece of advice ("Your recovery words are for your eyes only.") looked like
  // an ask to a model that had only met it inside its reply (out of fold: 4 → 1 false alarms of 807).
  const rows = examples.flatMap((e) =>
    [e.features, ...e.pieces].map((features) => ({
      features: [...features].filter(([f]) => kept.has(f)),
      label: e.row.ask,
    })),
  );
  // Each row is also learned without the grammar's cues (s:…), as the classifier meets a reply
  // whose wording the grammar does not know: then its n-grams and structure (ask-structure.ts) must
  // carry the verdict alone. Without this copy they learn little, the cues already explaining every
  // training row; out of fold on own8 it blocked 0.837 → 0.939 of the asks (docs, "Eighth round").
  const withoutCues = rows.map((r) => ({
    label: r.label,
    features: r.features.filter(([f]) => !f.startsWith('s:')),
  }));
  const { bias, weights: w } = fitLogistic([...rows, ...withoutCues], {
    seed: SEED,
    epochs: EPOCHS,
    rate: RATE,
    l2: L2,
  });
  // Weights are kept to two decimals, and the smallest dropped: an n-gram counts about 1/√300 of
  // its weight, so a weight under PRUNE moves a reply's score by about 0.005 at most (the file stays
  // small: 0.08 since round 9, whose tenth training set took the file over its 160 KB at 0.05).
  const weights: Record<string, number> = {};
  for (const [f, x] of [...w].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (Math.abs(x) >= PRUNE) weights[f] = Math.round(x * 100) / 100;
  }
  return {
    trainedOn: { sets, rows: examples.length, seed: SEED, epochs: EPOCHS, l2: L2 },
    bias: Math.round(bias * 1000) / 1000,
    threshold: 0.5,
    weights,
  };
}

interface Counts {
  asks: number;
  blocked: number;
  innocent: number;
  alarms: number;
}
const fresh = (): Counts => ({ asks: 0, blocked: 0, innocent: 0, alarms: 0 });
function add(c: Counts, ask: boolean, blocked: boolean) {
  if (ask) {
    c.asks++;
    if (blocked) c.blocked++;
  } else {
    c.innocent++;
    if (blocked) c.alarms++;
  }
}
const show = (c: Counts) =>
  `asks blocked ${(c.blocked / c.asks).toFixed(3)} (${c.blocked}/${c.asks}), false alarms ${((100 * c.alarms) / c.innocent).toFixed(1)} % (${c.alarms}/${c.innocent})`;

/** One held-out set's fold: for each of its rows (by index), blocked at each threshold and the hit score. */
interface FoldResult {
  rows: Array<{ index: number; blocked: boolean[]; ruleScore: number }>;
}

function fold(examples: Example[], sets: string[], held: string): FoldResult {
  const model = train(
    examples.filter((e) => e.set !== held),
    sets.filter((s) => s !== held),
  );
  const rows: FoldResult['rows'] = [];
  examples.forEach((e, index) => {
    if (e.set !== held) return;
    rows.push({
      index,
      blocked: GRID.map((t) => classifierFindings(e.row.text, { ...model, threshold: t }).length > 0),
      ruleScore: Math.max(0, ...e.ruleHits.map((h) => ruleHitScore(model, e.row.text, h))),
    });
  });
  return { rows };
}

/**
 * ASK_WORKERS=N (default 2): the folds are shared out to N worker threads, each loading the rows
 * itself (the same rows in the same order) and training its folds; every fold is the same
 * deterministic training as in one thread, so the file written does not depend on N (a CV took
 * ~75 min of one core in round 19).
 */
const WORKERS = Math.max(1, Number(process.env.ASK_WORKERS ?? 2));

async function foldsInWorkers(sets: string[]): Promise<FoldResult[]> {
  const shares = Array.from({ length: Math.min(WORKERS, sets.length) }, (_, w) =>
    sets.filter((_, i) => i % WORKERS === w),
  );
  const parts = await Promise.all(
    shares.map(
      (held) =>
        new Promise<FoldResult[]>((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { held, sets } });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => code !== 0 && reject(new Error(`a fold worker stopped (${code})`)));
        }),
    ),
  );
  return parts.flat();
}

/**
 * Leave one set out: each row is read by the model trained without its set, the way detectAsks
 * reads it (whole, by sentence and by clause, each piece's own vetoes), at every threshold of GRID.
 */
async function outOfFold(examples: Example[]) {
  const sets = [...new Set(examples.map((e) => e.set))];
  const blocked = new Map<number, Map<Example, boolean>>(GRID.map((t) => [t, new Map()]));
  // The fold model's highest score for a row's rule hits (0: no hit): a hit stands at veto v when ≥ v.
  const ruleScore = new Map<Example, number>();
  const results = WORKERS > 1 ? await foldsInWorkers(sets) : sets.map((held) => fold(examples, sets, held));
  for (const { rows } of results)
    for (const r of rows) {
      const e = examples[r.index]!;
      for (const [k, t] of GRID.entries()) blocked.get(t)!.set(e, r.blocked[k]!);
      ruleScore.set(e, r.ruleScore);
    }
  if (ruleScore.size !== examples.length) throw new Error('a fold left rows unscored');
  return { sets, blocked, ruleScore };
}

/**
 * The threshold that blocks the most asks within the false-alarm budget, then the highest one that
 * blocks at most ONE_ROW fewer: a one-row out-of-fold gain is noise, and a lower threshold sits
 * nearer the false-alarm cliff (0.45 blocks one ask more than 0.5 out of fold; 0.4 triples the
 * false alarms). The context trainer chooses the same way (train-context.ts).
 */
const ONE_ROW = 1;
/**
 * Never below this (ask-classifier.test.ts holds it): with own9 as a tenth fold the rule above took
 * 0.35, four more asks out of fold than 0.5 for three more false alarms (1 → 4 of 837), and the
 * shipped model at 0.35 blocked one of its own training negatives. False alarms on new authors'
 * text are the issue's farther goal.
 */
const MIN_THRESHOLD = 0.5;
function chooseThreshold(examples: Example[], blocked: Map<number, Map<Example, boolean>>) {
  const within = GRID.filter((t) => t >= MIN_THRESHOLD)
    .map((t) => {
      const c = fresh();
      for (const e of examples) add(c, e.row.ask, blocked.get(t)!.get(e)!);
      return { t, c };
    })
    .filter((x) => x.c.alarms / x.c.innocent <= FALSE_ALARM_BUDGET);
  if (!within.length) {
    // No threshold keeps out-of-fold false alarms within the budget: the highest one, said aloud.
    console.warn(
      `no threshold ≥ ${MIN_THRESHOLD} keeps out-of-fold false alarms within ${FALSE_ALARM_BUDGET}`,
    );
    return Math.max(...GRID);
  }
  const most = Math.max(...within.map((x) => x.c.blocked));
  return Math.max(...within.filter((x) => x.c.blocked >= most - ONE_ROW).map((x) => x.t));
}

/**
 * Vetoes tried for rule hits (ask-classifier.ts, `overrules`): the highest one whose pooled
 * out-of-fold asks blocked (rules and classifier) are as many as with no veto. A veto costs asks
 * only where the rules were right and the classifier unsure, so any loss out of fold is a loss.
 */
const VETO_GRID = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9];
function withVeto(
  examples: Example[],
  clf: Map<Example, boolean>,
  ruleScore: Map<Example, number>,
  v: number,
) {
  const c = fresh();
  for (const e of examples) add(c, e.row.ask, clf.get(e)! || (e.rule && ruleScore.get(e)! >= v));
  return c;
}
function chooseVeto(examples: Example[], clf: Map<Example, boolean>, ruleScore: Map<Example, number>) {
  const none = withVeto(examples, clf, ruleScore, 0);
  return Math.max(...VETO_GRID.filter((v) => withVeto(examples, clf, ruleScore, v).blocked >= none.blocked));
}

/**
 * The threshold and veto together, on the new authors' folds only (NEW_AUTHORS): there the rules are
 * out of sample as well as the classifier, so blocked asks and false alarms are both what a new
 * author's text meets. The pair with the largest share of asks blocked less share of innocent
 * replies blocked (asks and false alarms weigh alike: the issue asks as much of one as the other),
 * the higher threshold and veto on a tie. On the older sets the rules were written against their
 * rows, which made the earlier choices (chooseThreshold, chooseVeto) keep every rule hit.
 */
function chooseOnNewAuthors(
  examples: Example[],
  blocked: Map<number, Map<Example, boolean>>,
  ruleScore: Map<Example, number>,
) {
  const newAuthorRows = examples.filter((e) => NEW_AUTHORS.includes(e.set));
  let best = { t: Math.max(...GRID), v: 0, j: -1 };
  for (const t of GRID.filter((x) => x >= MIN_THRESHOLD))
    for (const v of VETO_GRID) {
      const c = withVeto(newAuthorRows, blocked.get(t)!, ruleScore, v);
      const j = Math.round((c.blocked / c.asks - c.alarms / c.innocent) * 1e6);
      if (j >= best.j) best = { t, v, j };
    }
  return best;
}

if (!isMainThread) {
  const { held, sets } = workerData as { held: string[]; sets: string[] };
  const mine = load();
  parentPort!.postMessage(held.map((h) => fold(mine, sets, h)));
} else await main();

async function main() {
  const examples = load();
  // ASK_THRESHOLD and ASK_VETO: train once with the threshold and veto given (the last ones chosen out
  // of fold), without the leave-one-set-out folds — with ~40 sets they take over 90 min of two cores.
  if (process.env.ASK_THRESHOLD && process.env.ASK_VETO) {
    const sets = [...new Set(examples.map((e) => e.set))];
    const threshold = Number(process.env.ASK_THRESHOLD);
    const vetoBelow = Number(process.env.ASK_VETO);
    const model = { ...train(examples, sets), threshold, vetoBelow };
    writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 0)}\n`);
    console.log(
      `wrote ${relative(process.cwd(), MODEL_FILE)} without folds: ${Object.keys(model.weights).length} weights, ${(statSync(MODEL_FILE).size / 1024).toFixed(1)} KiB, threshold ${threshold}, veto ${vetoBelow}`,
    );
    return;
  }
  const { sets, blocked, ruleScore } = await outOfFold(examples);
  const joint = chooseOnNewAuthors(examples, blocked, ruleScore);
  const threshold = process.env.ASK_BY_BUDGET ? chooseThreshold(examples, blocked) : joint.t;
  const vetoBelow = process.env.ASK_BY_BUDGET
    ? chooseVeto(examples, blocked.get(threshold)!, ruleScore)
    : joint.v;
  if (process.argv.includes('--cv')) {
    console.log(`Leave-one-set-out cross-validation over ${sets.join(', ')} (${examples.length} replies)\n`);
    console.log(`threshold chosen on the pooled out-of-fold probabilities: ${threshold}\n`);
    for (const t of GRID) {
      const c = fresh();
      for (const e of examples) add(c, e.row.ask, blocked.get(t)!.get(e)!);
      console.log(`classifier alone at ${t.toFixed(2)}: ${show(c)}`);
    }
    console.log('');
    for (const v of VETO_GRID)
      console.log(
        `rules (vetoed below ${v.toFixed(2)}) + classifier: ${show(withVeto(examples, blocked.get(threshold)!, ruleScore, v))}`,
      );
    console.log(`veto chosen: ${vetoBelow}\n`);
    const newAuthorRows = examples.filter((e) => NEW_AUTHORS.includes(e.set));
    console.log(`new authors (${NEW_AUTHORS.join(', ')}): threshold × veto, rules vetoed + classifier`);
    for (const t of GRID.filter((x) => x >= MIN_THRESHOLD))
      for (const v of VETO_GRID)
        console.log(
          `  ${t.toFixed(2)} × ${v.toFixed(2)}: ${show(withVeto(newAuthorRows, blocked.get(t)!, ruleScore, v))}`,
        );
    console.log(`chosen: threshold ${threshold}, veto ${vetoBelow}\n`);
    const all = { rules: fresh(), model: fresh(), both: fresh(), vetoed: fresh() };
    for (const set of sets) {
      const c = { rules: fresh(), model: fresh(), both: fresh(), vetoed: fresh() };
      for (const e of examples.filter((x) => x.set === set)) {
        const m = blocked.get(threshold)!.get(e)!;
        const ruleStands = e.rule && ruleScore.get(e)! >= vetoBelow;
        for (const [k, blocked] of [
          ['rules', e.rule],
          ['model', m],
          ['both', e.rule || m],
          ['vetoed', ruleStands || m],
        ] as const) {
          add(c[k], e.row.ask, blocked);
          add(all[k], e.row.ask, blocked);
        }
      }
      console.log(`test ${set}, trained on the others:`);
      console.log(`  rules alone:      ${show(c.rules)}`);
      console.log(`  classifier alone: ${show(c.model)}`);
      console.log(`  rules + classifier: ${show(c.both)}`);
      console.log(`  rules vetoed + classifier: ${show(c.vetoed)}`);
    }
    console.log('all sets pooled:');
    console.log(`  rules alone:      ${show(all.rules)}`);
    console.log(`  classifier alone: ${show(all.model)}`);
    console.log(`  rules + classifier: ${show(all.both)}`);
    console.log(`  rules vetoed + classifier: ${show(all.vetoed)}`);
    if (process.argv.includes('--failures'))
      for (const e of examples) {
        const m = blocked.get(threshold)!.get(e)!;
        const both = m || (e.rule && ruleScore.get(e)! >= vetoBelow);
        if (m !== e.row.ask || both !== e.row.ask)
          console.log(
            `  ! ${e.set}/${e.row.id} model=${m} rule=${e.rule} ruleScore=${ruleScore.get(e)!.toFixed(2)} ${e.row.text}`,
          );
      }
  }
  const model = { ...train(examples, sets), threshold, vetoBelow };
  writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 0)}\n`);
  console.log(
    `\nwrote ${relative(process.cwd(), MODEL_FILE)}: ${Object.keys(model.weights).length} weights, ${(statSync(MODEL_FILE).size / 1024).toFixed(1)} KiB, threshold ${threshold}`,
  );
}
