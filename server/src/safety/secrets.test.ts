import { wordlist as simplified } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditional } from '@scure/bip39/wordlists/traditional-chinese.js';
import { describe, expect, it } from 'vitest';
import { negativeTexts } from './corpus-negatives.ts';
import { type LabelledText, mnemonic, secretTexts, seeded } from './corpus-secrets.ts';
import { scanText } from './scan.ts';

function corpus(): LabelledText[] {
  const rng = seeded(20261124);
  return [...secretTexts(rng), ...negativeTexts(rng)];
}

describe('secret detection on the labelled corpus', () => {
  it('finds ≥ 98 % of the secrets and raises ≤ 1 % false alarms', () => {
    const texts = corpus();
    const positives = texts.filter((t) => t.expect);
    const negatives = texts.filter((t) => !t.expect);
    const missed: LabelledText[] = [];
    const alarms: LabelledText[] = [];
    for (const t of texts) {
      const { findings } = scanText(t.text, { from: t.from, previous: t.previous ?? null });
      if (t.expect && !findings.some((f) => f.kind === t.expect)) missed.push(t);
      if (!t.expect && findings.length > 0) alarms.push(t);
    }
    const recall = 1 - missed.length / positives.length;
    const falsePositiveRate = alarms.length / negatives.length;
    console.log(
      `safety corpus: ${texts.length} texts (${positives.length} secrets, ${negatives.length} negatives); ` +
        `recall ${recall.toFixed(4)}, false positives ${(falsePositiveRate * 100).toFixed(2)} %`,
    );
    for (const m of missed) console.log(`  missed [${m.note}]: ${m.text.slice(0, 120)}`);
    for (const a of alarms) console.log(`  false alarm [${a.note}]: ${a.text.slice(0, 120)}`);
    expect(texts.length).toBeGreaterThanOrEqual(300);
    expect(recall).toBeGreaterThanOrEqual(0.98);
    expect(falsePositiveRate).toBeLessThanOrEqual(0.01);
  });
});

describe('secret detection on many random phrases', () => {
  it('finds complete Chinese phrases written without spaces and English fragments of nine words', () => {
    const rng = seeded(42);
    let missed = 0;
    let total = 0;
    for (const list of [simplified, traditional]) {
      for (let i = 0; i < 500; i++, total++) {
        if (scanText(mnemonic(rng, 12, list).join(''), { from: 'customer' }).findings.length === 0) missed++;
      }
    }
    for (let i = 0; i < 500; i++, total++) {
      if (scanText(mnemonic(rng, 12).slice(0, 9).join(' '), { from: 'customer' }).findings.length === 0)
        missed++;
    }
    console.log(`random phrases: ${total - missed} of ${total} found`);
    expect(missed / total).toBeLessThanOrEqual(0.01);
  });
});
