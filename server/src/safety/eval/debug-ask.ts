/** `node server/src/safety/eval/debug-ask.ts "text" …`: how the ask screen reads a reply (rules, veto scores, classifier). */
import { askModel, classifierFindings, detectAsks, ruleHitScore } from '../ask-classifier.ts';
import { detectSecretRequests } from '../detect-request.ts';
import { requestSignals } from '../request-signals.ts';
import { simplifiedSameLength } from '../simplified.ts';

const model = askModel();
for (const text of process.argv.slice(2)) {
  const rules = detectSecretRequests(text);
  console.log('\n>>', JSON.stringify(text));
  console.log('  signals', JSON.stringify(requestSignals(simplifiedSameLength(text), true)));
  for (const r of rules)
    console.log(
      '  rule hit',
      JSON.stringify(text.slice(r.start, r.end)),
      'score',
      ruleHitScore(model, text, r).toFixed(3),
    );
  const found = classifierFindings(text, model);
  for (const f of found) console.log('  classifier piece', JSON.stringify(text.slice(f.start, f.end)));
  console.log('  classifier', found.length > 0, 'final', detectAsks(text).length > 0);
}
