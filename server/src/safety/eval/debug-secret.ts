/**
 * `node server/src/safety/eval/debug-secret.ts "text" …`: what the customer screen finds in a text
 * (spans, the masked text) and each context candidate's features and probability, for reading a
 * development set's miss. Never for held-out rows.
 */
import { allCandidates, candidateProbability, contextModel } from '../detect-in-context.ts';
import { scanText } from '../scan.ts';

for (const text of process.argv.slice(2)) {
  const result = scanText(text, { from: 'customer', previous: null });
  console.log(text);
  for (const f of result.findings)
    console.log(`  found ${f.kind} ${JSON.stringify(text.slice(f.start, f.end))}`);
  for (const c of allCandidates(text)) {
    const m = contextModel()[c.kind];
    const p = candidateProbability(m, c.features);
    const what = c.excluded ? 'excluded' : `${p.toFixed(3)} (threshold ${m.threshold})`;
    console.log(
      `  candidate ${c.kind} ${JSON.stringify(text.slice(c.start, c.end))} ${what}: ${c.features.join(' ')}`,
    );
  }
}
