/**
 * `npm run train:context [-- --cv] [-- --failures]`: trains the candidate models of
 * ../detect-in-context.ts (a code or a password given in context) on the development sets' customer
 * messages and writes ../context-model.json. Every candidate of ../secret-candidates.ts is labelled
 * by whether it lies on a listed secret of its kind; candidates on another kind of secret (a phrase,
 * a key) are left out. Innocent agent replies add negatives (an agent's order number stays visible).
 * Logistic regression by stochastic gradient descent with L2, fixed seed: the same rows give the
 * same file. `--cv` first leaves one set out at a time (train on the others, score that one), which
 * is how the thresholds are chosen and how generalisation is reported. Held-out parts are never read.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  allCandidates,
  type ContextModel,
  candidateProbability,
  type KindModel,
  scoreWithContextModel,
} from '../detect-in-context.ts';
import type { Candidate, CandidateKind } from '../secret-candidates.ts';
import { fitLogistic } from './logistic.ts';
import {
  type AskRow,
  EVAL_DATA,
  headline,
  isHeldOut,
  OWN_FILES,
  readJsonl,
  type SecretRow,
  scorePart,
} from './score.ts';

/**
 * The development sets the committed model is trained on. Round 16 tried adding dev8, dev9, dev10
 * and dev16 (CONTEXT_SETS=…): leave-one-set-out unchanged, and on the held-out halves no secret
 * more found and one false alarm more (heldout5 +2, heldout4 −1), so the model stayed as it was.
 */
const SETS = (process.env.CONTEXT_SETS ?? 'dev,dev3,dev4,dev5,dev6,dev7,own').split(',');
const AGENT_SETS = ['dev', 'dev2', 'dev3', 'dev4', 'dev5', 'own'];
const SEED = 20261203;
const EPOCHS = 40;
const L2 = 1e-3;
const RATE = 0.2;
/** Out-of-fold share of innocent customer messages one kind's model may flag on its own. */
const FALSE_ALARM_BUDGET = 0.003;
const GRID = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95];
const KINDS: CandidateKind[] = ['verification_code', 'password'];
const SECRET_KIND: Record<CandidateKind, string> = { verification_code: 'code', password: 'password' };
const MODEL_FILE = join(EVAL_DATA, '..', 'context-model.json');

interface Example {
  set: string;
  rowId: string;
  candidate: Candidate;
  label: boolean;
}
interface Row {
  set: string;
  id: string;
  text: string;
  category: string;
  secrets: Array<{ kind: string; value: string }>;
  candidates: Candidate[];
}

function secretSpans(row: { text: string; secrets: Array<{ kind: string; value: string }> }) {
  return row.secrets.map((s) => {
    const start = row.text.indexOf(s.value);
    return { kind: s.kind, start, end: start + s.value.length };
  });
}

function load() {
  const rows: Row[] = [];
  for (const set of new Set([...SETS, ...AGENT_SETS])) {
    if (isHeldOut(set)) throw new Error('held-out rows are never trained on');
    const dir = join(EVAL_DATA, set);
    const files = set === 'own' ? OWN_FILES : { secrets: ['secrets.jsonl'], asks: ['agent-asks.jsonl'] };
    if (SETS.includes(set))
      for (const f of files.secrets.filter((x) => existsSync(join(dir, x))))
        for (const r of readJsonl<SecretRow>(join(dir, f)))
          rows.push({
            set,
            id: r.id,
            text: r.text,
            category: r.category,
            secrets: r.secrets,
            candidates: [],
          });
    if (AGENT_SETS.includes(set))
      for (const f of files.asks.filter((x) => existsSync(join(dir, x))))
        for (const r of readJsonl<AskRow>(join(dir, f)))
          if (!r.ask)
            rows.push({ set, id: r.id, text: r.text, category: 'agent', secrets: [], candidates: [] });
  }
  const examples: Example[] = [];
  for (const row of rows) {
    row.candidates = allCandidates(row.text);
    const spans = secretSpans(row);
    for (const c of row.candidates) {
      const on = spans.filter((s) => s.start < c.end && c.start < s.end);
      if (on.some((s) => s.kind !== SECRET_KIND[c.kind])) continue;
      examples.push({ set: row.set, rowId: row.id, candidate: c, label: on.length > 0 });
    }
  }
  return { rows, examples };
}

function trainKind(examples: Example[], kind: CandidateKind): KindModel {
  const { bias, weights: w } = fitLogistic(
    examples
      .filter((e) => e.candidate.kind === kind)
      .map((e) => ({ features: e.candidate.features.map((f) => [f, 1] as const), label: e.label })),
    { seed: SEED, epochs: EPOCHS, rate: RATE, l2: L2 },
  );
  const weights: Record<string, number> = {};
  for (const [f, x] of [...w].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (Math.abs(x) >= 0.01) weights[f] = Math.round(x * 100) / 100;
  return { bias: Math.round(bias * 100) / 100, threshold: 0.5, weights };
}

function train(
  examples: Example[],
  sets: string[],
  thresholds?: Record<CandidateKind, number>,
): ContextModel {
  const model = {
    trainedOn: { sets, candidates: examples.length, iterations: EPOCHS, l2: L2 },
    verification_code: trainKind(examples, 'verification_code'),
    password: trainKind(examples, 'password'),
  };
  if (thresholds) for (const k of KINDS) model[k].threshold = thresholds[k];
  return model;
}

/** Row-level figures of the models alone at a threshold, from out-of-fold probabilities. */
function alone(
  rows: Row[],
  p: Map<Candidate, number>,
  t: Record<CandidateKind, number>,
  only?: CandidateKind,
) {
  const r = { pos: 0, hit: 0, innocent: 0, alarms: 0, agent: 0, agentMasked: 0 };
  for (const row of rows) {
    const taken = row.candidates.filter(
      (c) => !c.excluded && (!only || c.kind === only) && (p.get(c) ?? 0) >= t[c.kind],
    );
    if (row.category === 'agent') {
      r.agent++;
      if (taken.length) r.agentMasked++;
      continue;
    }
    if (row.secrets.length === 0) {
      r.innocent++;
      if (taken.length) r.alarms++;
      continue;
    }
    const kind = row.category.startsWith('password')
      ? 'password'
      : row.category.startsWith('code')
        ? 'code'
        : null;
    if (!kind || (only && SECRET_KIND[only] !== kind)) continue;
    r.pos++;
    const covered = secretSpans(row).every((s) => {
      for (let i = s.start; i < s.end; i++)
        if (/[\p{L}\p{N}]/u.test(row.text[i]!) && !taken.some((c) => c.start <= i && i < c.end)) return false;
      return true;
    });
    if (covered) r.hit++;
  }
  return r;
}

const { rows, examples } = load();
const foldSets = SETS;
const oof = new Map<Candidate, number>();
const foldModels = new Map<string, ContextModel>();
for (const held of foldSets) {
  const model = train(
    examples.filter((e) => e.set !== held),
    foldSets.filter((s) => s !== held),
  );
  foldModels.set(held, model);
  for (const row of rows.filter((r) => r.set === held))
    for (const c of row.candidates) oof.set(c, candidateProbability(model[c.kind], c.features));
}
// Agent rows of sets not in SETS (dev2) are scored by a model trained on all SETS.
const full = train(examples, foldSets);
for (const row of rows)
  for (const c of row.candidates) if (!oof.has(c)) oof.set(c, candidateProbability(full[c.kind], c.features));

/**
 * Each kind's threshold: the most secrets found out of fold within the false-alarm budget, then the
 * highest threshold that finds at most ONE_ROW fewer. A one-row out-of-fold gain is within noise,
 * and the lower thresholds it picked in round 7 (code 0.4, password 0.3) cost two innocent customer
 * messages on a set nobody tuned on (docs/safety-evaluation.md, "Seventh round").
 */
const ONE_ROW = 1;
const thresholds = {} as Record<CandidateKind, number>;
for (const kind of KINDS) {
  const within = GRID.map((t) => ({
    t,
    r: alone(rows, oof, { verification_code: t, password: t }, kind),
  })).filter((x) => x.r.alarms / x.r.innocent <= FALSE_ALARM_BUDGET);
  const most = Math.max(...within.map((x) => x.r.hit));
  thresholds[kind] = Math.max(...within.filter((x) => x.r.hit >= most - ONE_ROW).map((x) => x.t));
}

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} % (${a}/${b})`;
const rat = (a: number, b: number) => `${(a / b).toFixed(3)} (${a}/${b})`;
if (process.argv.includes('--cv')) {
  console.log(`Leave-one-set-out over ${foldSets.join(', ')}; ${examples.length} candidates`);
  console.log(
    `thresholds (pooled out-of-fold, each kind alone ≤ ${FALSE_ALARM_BUDGET * 100} % of innocent customer rows): code ${thresholds.verification_code}, password ${thresholds.password}\n`,
  );
  for (const kind of KINDS)
    for (const t of GRID) {
      const r = alone(rows, oof, { verification_code: t, password: t }, kind);
      console.log(
        `${kind} alone at ${t}: in context ${rat(r.hit, r.pos)}, false alarms ${pct(r.alarms, r.innocent)}, agent replies masked ${pct(r.agentMasked, r.agent)}`,
      );
    }
  console.log(
    '\n| left out | models alone: passwords, codes, false alarms | rules alone: passwords, codes, false alarms | rules + models: secrets, passwords, codes, false alarms |',
  );
  console.log('|---|---|---|---|');
  for (const held of foldSets) {
    const mine = rows.filter((r) => r.set === held);
    const pw = alone(mine, oof, thresholds, 'password');
    const code = alone(mine, oof, thresholds, 'verification_code');
    const both = alone(mine, oof, thresholds);
    const files = held === 'own' ? OWN_FILES : undefined;
    scoreWithContextModel({
      ...foldModels.get(held)!,
      verification_code: { ...foldModels.get(held)!.verification_code, threshold: 2 },
      password: { ...foldModels.get(held)!.password, threshold: 2 },
    });
    const rules = headline(scorePart(held, files));
    const m = foldModels.get(held)!;
    scoreWithContextModel({
      ...m,
      verification_code: { ...m.verification_code, threshold: thresholds.verification_code },
      password: { ...m.password, threshold: thresholds.password },
    });
    const s = scorePart(held, files);
    scoreWithContextModel(null);
    const h = headline(s);
    console.log(
      `| ${held} | ${rat(pw.hit, pw.pos)}, ${rat(code.hit, code.pos)}, ${pct(both.alarms, both.innocent)} | ${rules.passwords.toFixed(3)}, ${rules.codes.toFixed(3)}, ${(100 * rules.customerFalseAlarms).toFixed(1)} % | ${rat(s.secretsFlagged.hit, s.secretsFlagged.of)}, ${rat(s.passwords.hit, s.passwords.of)}, ${rat(s.codes.hit, s.codes.of)}, ${pct(s.customerFalseAlarms.hit, s.customerFalseAlarms.of)} (all ${(100 * h.falseAlarms).toFixed(1)} %) |`,
    );
    if (process.argv.includes('--failures') && !isHeldOut(held))
      for (const f of s.failures.filter((x) => !x.includes('ask') && !x.includes('advice')))
        console.log(`  ! ${f}`);
  }
}
// `--misses=dev,own`: rows the models alone miss or flag out of fold (never a held-out part).
const misses =
  process.argv
    .find((a) => a.startsWith('--misses='))
    ?.slice(9)
    .split(',') ?? [];
for (const row of rows.filter((r) => misses.includes(r.set) && !isHeldOut(r.set))) {
  const probe = Number(process.env.PROBE ?? 0);
  const t = probe ? { verification_code: probe, password: probe } : thresholds;
  const r = alone([row], oof, t);
  if (r.pos === r.hit && r.alarms === 0 && r.agentMasked === 0) continue;
  const shown = row.candidates.map(
    (c) => `${row.text.slice(c.start, c.end)}=${(oof.get(c) ?? 0).toFixed(2)}`,
  );
  console.log(`  ! ${row.set}/${row.id} ${row.category} ${JSON.stringify(row.text)} [${shown.join(' ')}]`);
}
const model = train(examples, foldSets, thresholds);
writeFileSync(MODEL_FILE, `${JSON.stringify(model)}\n`);
console.log(
  `\nwrote ${relative(process.cwd(), MODEL_FILE)}: ${Object.keys(model.verification_code.weights).length + Object.keys(model.password.weights).length} weights, ${(statSync(MODEL_FILE).size / 1024).toFixed(1)} KiB`,
);
