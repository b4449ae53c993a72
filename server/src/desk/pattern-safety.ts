import { check } from 'recheck';
import safeRegex from 'safe-regex2';
import type { FieldRule } from '../../../shared/field-rules.ts';

/**
 * Admin field patterns are run on every answer a customer gives, on the server and on the customer
 * page: one that can backtrack catastrophically (`(a+)+`, `(a|aa)+`) blocked the event loop for
 * seconds on a 28-character answer (issue #20.14).
 *
 * recheck (a ReDoS checker that decides by automata theory, with a fuzzing fallback; it runs in its
 * own process, off the event loop) judges each pattern: a pattern it cannot prove safe in time
 * counts as unsafe. Patterns are refused when saved (`judgePatterns` before `formProblems`), the
 * stored ones are judged when the app starts, and a pattern found unsafe is never run: the server
 * drops it before checking answers and before serving the form to the customer page, so the page
 * and the server apply the same rules. A pattern this node has not judged yet (saved on another
 * node a moment ago, so already judged there) gets safe-regex2's quick star-height verdict until
 * recheck's arrives.
 */
const verdicts = new Map<string, boolean>();
const pending = new Map<string, Promise<boolean>>();
const MAX_VERDICTS = 1000;

function remember(pattern: string, safe: boolean) {
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(pattern, safe);
}

/** recheck's verdict on one pattern, as the rules run it: anchored, with the `u` flag. */
export function judgePattern(pattern: string): Promise<boolean> {
  const known = verdicts.get(pattern);
  if (known !== undefined) return Promise.resolve(known);
  let judging = pending.get(pattern);
  if (!judging) {
    judging = check(`^(?:${pattern})$`, 'u', { timeout: 3000 })
      .then((d) => d.status === 'safe')
      .catch(() => false)
      .then((safe) => {
        remember(pattern, safe);
        pending.delete(pattern);
        return safe;
      });
    pending.set(pattern, judging);
  }
  return judging;
}

export async function judgePatterns(fields: readonly FieldRule[]): Promise<void> {
  await Promise.all(fields.flatMap((f) => (f.pattern === undefined ? [] : [judgePattern(f.pattern)])));
}

/** The verdict this node has; without one yet, safe-regex2's (and recheck's is asked for). */
export function patternIsSafe(pattern: string): boolean {
  const known = verdicts.get(pattern);
  if (known !== undefined) return known;
  void judgePattern(pattern);
  try {
    return safeRegex(`^(?:${pattern})$`);
  } catch {
    return false;
  }
}

/** The fields with any unsafe pattern (and its example) left out: what may be run and served. */
export function withSafePatterns<F extends FieldRule>(fields: readonly F[]): F[] {
  return fields.map((f) => {
    if (f.pattern === undefined || patternIsSafe(f.pattern)) return f;
    const { pattern: _pattern, example: _example, ...rest } = f;
    return rest as F;
  });
}
