import { join } from 'node:path';
import { lookupVerificationCode } from '../../channels/email/verification.ts';
import type { Db } from '../../db/client.ts';
import { verifyValue } from '../verify.ts';
import { EVAL_DATA, type Ratio, readJsonl } from './score.ts';

/**
 * Scores the Verify page's answers (eval-data/<part>/verify.jsonl) through `verifyValue`, the one
 * function behind `GET /api/v1/verify` (whose handler only adds the rate limit and picks the
 * reason's language); heldout.test.ts checks on dev rows that the route answers the same.
 */

export type Expected = 'official' | 'lookalike' | 'not_official';
export interface VerifyRow {
  id: string;
  category: string;
  input: string;
  expected: Expected;
}

/** The route's verdict in the evaluation's words: "unknown" is the page's "not one of ours". */
export const asExpected = (verdict: string): Expected =>
  verdict === 'unknown' ? 'not_official' : (verdict as Expected);

export interface VerifyCategory {
  category: string;
  expected: Expected;
  rows: number;
  correct: Ratio;
  /** Rows answered "official" (for a look-alike or a stranger: the failure that must never happen). */
  calledOfficial: Ratio;
}

export interface VerifyScore {
  part: string;
  categories: VerifyCategory[];
  /** Look-alikes answered "official": the goal is 0, ever. */
  lookalikesOfficial: Ratio;
  lookalikesRecognised: Ratio;
  officialRecognised: Ratio;
  /** Unlisted values answered "official". */
  notOfficialOfficial: Ratio;
  /** Unlisted values answered "not one of ours" (not official, not a look-alike). */
  notOfficialRecognised: Ratio;
  correct: Ratio;
  failures: string[];
}

const ratio = (): Ratio => ({ hit: 0, of: 0 });
const count = (r: Ratio, hit: boolean) => {
  r.of++;
  if (hit) r.hit++;
};

export async function scoreVerify(db: Db, part: string): Promise<VerifyScore> {
  const rows = readJsonl<VerifyRow>(join(EVAL_DATA, part, 'verify.jsonl'));
  const s: VerifyScore = {
    part,
    categories: [],
    lookalikesOfficial: ratio(),
    lookalikesRecognised: ratio(),
    officialRecognised: ratio(),
    notOfficialOfficial: ratio(),
    notOfficialRecognised: ratio(),
    correct: ratio(),
    failures: [],
  };
  const byCategory = new Map<string, VerifyCategory>();
  for (const row of rows) {
    const got = asExpected((await verifyValue(db, row.input, lookupVerificationCode)).verdict);
    let c = byCategory.get(row.category);
    if (!c) {
      c = {
        category: row.category,
        expected: row.expected,
        rows: 0,
        correct: ratio(),
        calledOfficial: ratio(),
      };
      byCategory.set(row.category, c);
    }
    c.rows++;
    count(c.correct, got === row.expected);
    count(c.calledOfficial, got === 'official');
    count(s.correct, got === row.expected);
    if (row.expected === 'lookalike') {
      count(s.lookalikesOfficial, got === 'official');
      count(s.lookalikesRecognised, got === 'lookalike');
    } else if (row.expected === 'official') {
      count(s.officialRecognised, got === 'official');
    } else {
      count(s.notOfficialOfficial, got === 'official');
      count(s.notOfficialRecognised, got === 'not_official');
    }
    if (got !== row.expected) s.failures.push(`${part}/${row.id} ${row.category}: ${row.input} → ${got}`);
  }
  s.categories.push(...byCategory.values());
  return s;
}
