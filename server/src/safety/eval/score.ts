import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../findings.ts';
import { scanText } from '../scan.ts';

/**
 * Scores the screen on an evaluation set (eval-data/<part>/). It calls `scanText`, the one function
 * behind `POST /safety/scan` (whose handler only adds the access check), the customer ticket/reply/
 * chat screen (`screenCustomerTextAfter` → `scanText` with the previous message) and the agent reply
 * screen (`screenStaffText` blocks exactly when `scanText(…, { from: 'agent' })` reports a
 * `secret_request`). Going in-process keeps the scorer to a second; `score.test.ts` checks on a few
 * rows that the HTTP route and the ticket paths give the same verdict as this.
 */

export const EVAL_DATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'eval-data');

export interface SecretRow {
  id: string;
  lang: string;
  category: string;
  text: string;
  secrets: Array<{ kind: string; value: string }>;
  /** Own set only: the same customer's previous message (the reply path joins the two). */
  previous?: string;
  /** Own set only: the part of the previous message that must be masked (a phrase's first half). */
  previousSecret?: string;
}
export interface AskRow {
  id: string;
  lang: string;
  category: string;
  text: string;
  ask: boolean;
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export interface Ratio {
  hit: number;
  of: number;
}
const ratio = (): Ratio => ({ hit: 0, of: 0 });
export const value = (r: Ratio) => (r.of === 0 ? Number.NaN : r.hit / r.of);

export interface CategoryScore {
  category: string;
  positive: boolean;
  rows: number;
  /** Positives: rows flagged at all. Negatives: rows flagged (a false alarm). */
  flagged: Ratio;
  /** Positives: rows whose every listed secret is masked. */
  allMasked: Ratio;
  /** Rows where letters outside the listed secrets were masked too. */
  overMasked: Ratio;
}

export interface PartScore {
  part: string;
  categories: CategoryScore[];
  secretsFlagged: Ratio;
  secretsAllMasked: Ratio;
  passwords: Ratio;
  codes: Ratio;
  twoKinds: Ratio;
  /** Of the customer rows flagged, how many hold a secret. */
  secretsPrecision: Ratio;
  asksBlocked: Ratio;
  /** Of the agent rows blocked, how many are asks. */
  asksPrecision: Ratio;
  customerFalseAlarms: Ratio;
  agentFalseAlarms: Ratio;
  falseAlarms: Ratio;
  overMasked: Ratio;
  failures: string[];
}

/** Characters that carry a secret: letters and digits (a phrase's list numbers are not secret). */
function carriers(kind: string) {
  return kind === 'mnemonic' ? /[\p{L}]/u : /[\p{L}\p{N}]/u;
}

function covered(findings: Finding[], at: number) {
  return findings.some((f) => f.start <= at && at < f.end);
}

function scoreSecretRow(row: SecretRow) {
  const result = scanText(row.text, { from: 'customer', previous: row.previous ?? null });
  const findings = result.findings.filter((f) => f.kind !== 'secret_request');
  const inSecret = new Array<boolean>(row.text.length).fill(false);
  let allMasked = true;
  for (const s of row.secrets) {
    const start = row.text.indexOf(s.value);
    if (start < 0) throw new Error(`${row.id}: secret value not in text`);
    const carrier = carriers(s.kind);
    for (let i = start; i < start + s.value.length; i++) {
      inSecret[i] = true;
      if (carrier.test(row.text[i]!) && !covered(findings, i)) allMasked = false;
    }
    // The value again elsewhere is the same secret: masking it there is not over-masking (whether it
    // must be masked there is not scored: rows list each value once).
    for (let at = row.text.indexOf(s.value, start + 1); at >= 0; at = row.text.indexOf(s.value, at + 1))
      inSecret.fill(true, at, at + s.value.length);
  }
  let overMasked = false;
  for (let i = 0; i < row.text.length; i++) {
    if (!inSecret[i] && /[\p{L}\p{N}]/u.test(row.text[i]!) && covered(findings, i)) overMasked = true;
  }
  // The earlier message: its phrase half masked, and nothing else of it.
  if (row.previous !== undefined) {
    const from = row.previousSecret ? row.previous.indexOf(row.previousSecret) : -1;
    const to = from + (row.previousSecret?.length ?? 0);
    for (let i = 0; i < row.previous.length; i++) {
      if (!/\p{L}/u.test(row.previous[i]!)) continue;
      const masked = covered(result.previousFindings, i);
      const secret = from >= 0 && i >= from && i < to;
      if (secret && !masked) allMasked = false;
      if (!secret && masked) overMasked = true;
    }
  }
  return { flagged: findings.length > 0, allMasked, overMasked };
}

export function scoreSecrets(rows: SecretRow[], part: string, score: PartScore) {
  const byCategory = new Map<string, CategoryScore>();
  for (const row of rows) {
    const positive = row.secrets.length > 0;
    let c = byCategory.get(row.category);
    if (!c) {
      c = {
        category: row.category,
        positive,
        rows: 0,
        flagged: ratio(),
        allMasked: ratio(),
        overMasked: ratio(),
      };
      byCategory.set(row.category, c);
    }
    const r = scoreSecretRow(row);
    c.rows++;
    c.flagged.of++;
    c.overMasked.of++;
    score.overMasked.of++;
    if (r.flagged) c.flagged.hit++;
    if (r.overMasked) {
      c.overMasked.hit++;
      score.overMasked.hit++;
    }
    if (r.flagged) {
      score.secretsPrecision.of++;
      if (positive) score.secretsPrecision.hit++;
    }
    if (positive) {
      c.allMasked.of++;
      if (r.allMasked) c.allMasked.hit++;
      score.secretsFlagged.of++;
      score.secretsAllMasked.of++;
      if (r.flagged) score.secretsFlagged.hit++;
      if (r.allMasked) score.secretsAllMasked.hit++;
      const kinds = new Set(row.secrets.map((s) => s.kind));
      const group = row.category.startsWith('password')
        ? score.passwords
        : row.category.startsWith('code')
          ? score.codes
          : kinds.size > 1
            ? score.twoKinds
            : null;
      if (group) {
        group.of++;
        if (r.allMasked) group.hit++;
      }
      if (!r.allMasked) score.failures.push(`${part}/${row.id} ${row.category}: not all masked`);
    } else {
      score.customerFalseAlarms.of++;
      score.falseAlarms.of++;
      if (r.flagged) {
        score.customerFalseAlarms.hit++;
        score.falseAlarms.hit++;
        score.failures.push(`${part}/${row.id} ${row.category}: false alarm`);
      }
    }
  }
  score.categories.push(...byCategory.values());
}

export function scoreAsks(rows: AskRow[], part: string, score: PartScore) {
  const byCategory = new Map<string, CategoryScore>();
  for (const row of rows) {
    let c = byCategory.get(row.category);
    if (!c) {
      c = {
        category: row.category,
        positive: row.ask,
        rows: 0,
        flagged: ratio(),
        allMasked: ratio(),
        overMasked: ratio(),
      };
      byCategory.set(row.category, c);
    }
    const blocked = scanText(row.text, { from: 'agent' }).findings.some((f) => f.kind === 'secret_request');
    c.rows++;
    c.flagged.of++;
    if (blocked) c.flagged.hit++;
    if (blocked) {
      score.asksPrecision.of++;
      if (row.ask) score.asksPrecision.hit++;
    }
    if (row.ask) {
      score.asksBlocked.of++;
      if (blocked) score.asksBlocked.hit++;
      else score.failures.push(`${part}/${row.id} ${row.category}: ask not blocked`);
    } else {
      score.agentFalseAlarms.of++;
      score.falseAlarms.of++;
      if (blocked) {
        score.agentFalseAlarms.hit++;
        score.falseAlarms.hit++;
        score.failures.push(`${part}/${row.id} ${row.category}: advice blocked`);
      }
    }
  }
  score.categories.push(...byCategory.values());
}

export function emptyScore(part: string): PartScore {
  return {
    part,
    categories: [],
    secretsFlagged: ratio(),
    secretsAllMasked: ratio(),
    passwords: ratio(),
    codes: ratio(),
    twoKinds: ratio(),
    secretsPrecision: ratio(),
    asksBlocked: ratio(),
    asksPrecision: ratio(),
    customerFalseAlarms: ratio(),
    agentFalseAlarms: ratio(),
    falseAlarms: ratio(),
    overMasked: ratio(),
    failures: [],
  };
}

/**
 * Scores one part (dev, heldout, dev2, heldout2, own): its secrets and agents' asks files. A part
 * may hold only one of them (dev2 and heldout2 are asks only); the figures of the missing one stay
 * empty (0 of 0), which prints as "-".
 */
export function scorePart(part: string, files?: { secrets: string[]; asks: string[] }): PartScore {
  const dir = join(EVAL_DATA, part);
  const score = emptyScore(part);
  const present = (f: string) => files !== undefined || existsSync(join(dir, f));
  for (const f of (files?.secrets ?? ['secrets.jsonl']).filter(present))
    scoreSecrets(readJsonl<SecretRow>(join(dir, f)), part, score);
  for (const f of (files?.asks ?? ['agent-asks.jsonl']).filter(present))
    scoreAsks(readJsonl<AskRow>(join(dir, f)), part, score);
  return score;
}

/** Held-out parts are scored as a whole; their rows and per-row failures are never shown. */
export const isHeldOut = (part: string) => part.startsWith('heldout') || part.startsWith('unseen');

/** Sets only trained on, whose rows nobody reads: their per-row failures are not shown either. */
export const TRAINED_ONLY = new Set(['train15b', 'train15c', 'train16b', 'train17b']);

/** The figures the issue sets goals for, rounded for printing and for the CI assertions. */
export function headline(s: PartScore) {
  return {
    secretsFlagged: value(s.secretsFlagged),
    secretsAllMasked: value(s.secretsAllMasked),
    passwords: value(s.passwords),
    codes: value(s.codes),
    twoKinds: value(s.twoKinds),
    secretsPrecision: value(s.secretsPrecision),
    asksBlocked: value(s.asksBlocked),
    asksPrecision: value(s.asksPrecision),
    customerFalseAlarms: value(s.customerFalseAlarms),
    agentFalseAlarms: value(s.agentFalseAlarms),
    falseAlarms: value(s.falseAlarms),
    overMasked: value(s.overMasked),
  };
}

/** The own set's files: generated secrets, reply-path pairs, hand-written talk about secrets. */
export const OWN_FILES = {
  secrets: ['secrets.jsonl', 'split.jsonl', 'talk.jsonl'],
  asks: ['agent-asks.jsonl'],
};
