import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type AskModel,
  askFeatures,
  askModel,
  classifierMay,
  detectAsks,
  probability,
} from './ask-classifier.ts';
import { detectSecretRequests } from './detect-request.ts';

/** A hand-made model: it calls anything with "jot" in it an ask, so the combination can be tested. */
const jotModel: AskModel = {
  trainedOn: { sets: ['test'], rows: 0, seed: 1, epochs: 0, l2: 0 },
  bias: -5,
  threshold: 0.5,
  weights: { 'w:jot': 100 },
};

describe('the ask classifier next to the rules', () => {
  it('keeps every block of the rules, whatever the model says', () => {
    const never: AskModel = { ...jotModel, bias: -50, weights: {} };
    const text = 'Please send me your seed phrase.';
    expect(detectSecretRequests(text)).toHaveLength(1);
    expect(detectAsks(text, {}, never)).toEqual(detectSecretRequests(text));
  });

  it('adds a block where the rules miss and the model is sure', () => {
    const text = 'Could you jot those down here?';
    expect(detectSecretRequests(text)).toHaveLength(0);
    expect(detectAsks(text, {}, jotModel)).toEqual([{ kind: 'secret_request', start: 0, end: text.length }]);
  });

  it('never blocks advice: a negation or a when/whether cue leaves the verdict to the rules', () => {
    for (const text of [
      'Never jot your recovery words into a chat.',
      '请不要 jot 助记词。',
      'Tell me whether you could jot it down.',
      'We will send you a new code, jot it in the app.',
    ]) {
      expect(classifierMay(askFeatures(text)), text).toBe(false);
      expect(detectAsks(text, {}, jotModel), text).toEqual([]);
    }
  });

  it('reads a long reply in two-sentence windows and marks the window that asks', () => {
    const filler = 'Thanks for waiting while I looked at the deposit record for you. ';
    const text = `${filler.repeat(4)}Could you jot those down here? ${filler}`;
    const found = detectAsks(text, {}, jotModel);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(text.slice(f.start, f.end)).toContain('jot');
  });

  it('reads Traditional Chinese as Simplified, as the rules do', () => {
    expect(askFeatures('請提供驗證碼').has('c:验证码')).toBe(true);
  });

  it('ships a small model trained only on development sets', () => {
    const model = askModel();
    for (const set of model.trainedOn.sets) expect(set.startsWith('heldout'), set).toBe(false);
    expect(model.threshold).toBeGreaterThanOrEqual(0.5);
    expect(model.threshold).toBeLessThan(1);
    // 152 KiB since round 8: the copies without the grammar's cues (eval/train-asks.ts) give more
    // n-grams a weight. 209 KiB and 13,414 weights since round 12, whose two new authors (train11a,
    // train11b) added 43 % more training rows, many in Cantonese and mixed zh/en: their n-grams are
    // what the model lacked on new authors' text, so the budget grew rather than MIN_ROWS. 17,008
    // weights and 268 KiB since round 13, whose two more authors (train13a, train13b: 1,283 replies,
    // Cantonese, Taiwan and regional chat among them) grew the training rows by another 28 %.
    // 18,464 weights and 292 KiB since round 14 (train14a: 581 replies, Shanghai and Hubei chat,
    // second-language English): 9 % more rows, 8.5 % more weights. 22,866 weights and 364 KiB since
    // round 15 (train15a, train15b, train15c: 1,812 replies of three more authors, 24 % more rows).
    // 25,510 weights and 408 KiB since round 16 (train16a, train16b); 27,706 weights and 445 KiB since
    // round 17 (train17a, train17b: 1,218 replies of two more authors, 10 % more rows); 30,303
    // weights and 490 KiB since round 19 (train18a, train18b: 1,218 more replies, 9 % more rows).
    expect(Object.keys(model.weights).length).toBeLessThan(33_000);
    expect(statSync(new URL('./ask-model.json', import.meta.url)).size).toBeLessThan(540_000);
    // The grammar's advice cue weighs against an ask; a named secret with a request for it.
    expect(model.weights['s:negation']).toBeLessThan(0);
    expect(probability(model, askFeatures('Please type your seed phrase here.'))).toBeGreaterThan(0.9);
  });
});
