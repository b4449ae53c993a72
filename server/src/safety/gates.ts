/**
 * The secret screen's cheap conditions: before a family of patterns runs, a detector tests a short
 * pattern without which none of the family can match (a part of every name of a password, a key,
 * a code, a digit, six list words in a run …), and most messages skip the family. Each must stay a
 * true necessary condition of what it guards, or a new wording added to a family is silently never
 * matched: gates.test.ts runs the evaluation texts with the conditions tested and skipped, and
 * requires the same findings. Skipping them exists for that test only.
 */
const state = { on: true };

/** Whether `text` may hold what the guarded patterns look for (always true while gates are off). */
export function may(gate: RegExp, text: string): boolean {
  return !state.on || gate.test(text);
}

/** Whether the cheap conditions are tested (the shortcuts that are not a pattern ask this). */
export function gatesOn(): boolean {
  return state.on;
}

/** For gates.test.ts: run the detectors with every cheap condition skipped. */
export function setGatesForTest(on: boolean): void {
  state.on = on;
}
