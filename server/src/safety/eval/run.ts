/**
 * `npm run eval:safety [--failures] [parts…]`: per-category and headline figures of the secret and
 * ask screen on eval-data/dev, heldout, dev2, heldout2 (the later, blind asks-only set), dev3,
 * heldout3, dev4, heldout4, dev5, heldout5, dev6, heldout6, dev7, heldout7, dev8, heldout8, dev9, heldout9, dev10, heldout10 (later blind sets; a part that is not there yet is skipped),
 * train11a, train11b (two authors' agent replies, trained on since round 12), unseen12a, unseen12b
 * (two more authors, scored only: held out like every heldout part), train13a, train13b (two more
 * authors' agent replies, trained on since round 13), unseen13a (one more author, held out whole),
 * train14a (one more author, for round 14's training) and own,
 * and of the Verify page and help search (dev and heldout, on the demo desk in PGlite).
 * `--failures` lists failing row ids, and only for dev, dev2 and own: held-out rows are scored,
 * never looked at.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openEvalDesk } from './desk.ts';
import {
  EVAL_DATA,
  headline,
  isHeldOut,
  OWN_FILES,
  type PartScore,
  type Ratio,
  scorePart,
  TRAINED_ONLY,
  value,
} from './score.ts';
import { hitAt1, mrr, type SearchMeasure, type SearchScore, scoreSearch } from './search-score.ts';
import { scoreVerify, type VerifyScore } from './verify-score.ts';

const args = process.argv.slice(2);
const showFailures = args.includes('--failures');
const parts = args.filter((a) => !a.startsWith('--'));
const chosen =
  parts.length > 0
    ? parts
    : [
        'dev',
        'heldout',
        'dev2',
        'heldout2',
        'dev3',
        'heldout3',
        'dev4',
        'heldout4',
        'dev5',
        'heldout5',
        'dev6',
        'heldout6',
        'dev7',
        'heldout7',
        'dev8',
        'heldout8',
        'dev9',
        'heldout9',
        'dev10',
        'heldout10',
        'train11a',
        'train11b',
        'unseen12a',
        'unseen12b',
        'train13a',
        'train13b',
        'unseen13a',
        'train14a',
        'unseen14a',
        'train15a',
        'train15b',
        'train15c',
        'dev16',
        'heldout16',
        'dev17',
        'heldout17',
        'train16a',
        'train16b',
        'unseen16a',
        'dev18',
        'heldout18',
        'dev19',
        'heldout19',
        'train17a',
        'train17b',
        'unseen17a',
        'dev20',
        'heldout20',
        'train18a',
        'unseen18a',
        'dev21',
        'heldout21',
        'train18b',
        'unseen18b',
        'train19a',
        'dev22',
        'heldout22',
        'unseen19a',
        'unseen19b',
        'train19b',
        'dev23',
        'heldout23',
        'train20a',
        'unseen20a',
        'train21a',
        'unseen21a',
        'train22a',
        'unseen22a',
        'train23a',
        'unseen23a',
        'dev24',
        'heldout24',
        'dev25',
        'heldout25',
        'dev26',
        'heldout26',
        'train24a',
        'unseen24a',
        'dev27',
        'heldout27',
        'dev28',
        'heldout28',
        'dev29',
        'heldout29',
        'dev30',
        'heldout30',
        'train25a',
        'unseen25a',
        'dev31',
        'heldout31',
        'dev32',
        'heldout32',
        'train26a',
        'unseen26a',
        'dev33',
        'heldout33',
        'dev34',
        'heldout34',
        'train27a',
        'unseen27a',
        'dev35',
        'heldout35',
        'dev36',
        'heldout36',
        'train28a',
        'unseen28a',
        'dev37',
        'heldout37',
        'dev38',
        'heldout38',
        'train29a',
        'unseen29a',
        'dev39',
        'heldout39',
        'dev40',
        'heldout40',
        'train30a',
        'unseen30a',
        'dev41',
        'heldout41',
        'dev42',
        'heldout42',
        'train31a',
        'unseen31a',
        'own',
      ];

const fmt = (r: Ratio) => (r.of === 0 ? '   -  ' : `${value(r).toFixed(3)} (${r.hit}/${r.of})`);
const count = (r: Ratio) => `${r.hit} of ${r.of}`;

function print(s: PartScore) {
  console.log(`\n## ${s.part}\n`);
  console.log('| category | rows | flagged / blocked | every secret masked | letters over-masked |');
  console.log('|---|---|---|---|---|');
  for (const c of s.categories) {
    const sign = c.positive ? '+' : '−';
    console.log(
      `| ${c.category} (${sign}) | ${c.rows} | ${fmt(c.flagged)} | ${c.positive ? fmt(c.allMasked) : ''} | ${c.overMasked.of ? fmt(c.overMasked) : ''} |`,
    );
  }
  console.log('');
  const h = headline(s);
  const line = (name: string, r: Ratio) => console.log(`- ${name}: ${fmt(r)}`);
  line('customer secrets flagged (rows with any secret)', s.secretsFlagged);
  line('every listed secret masked', s.secretsAllMasked);
  line('passwords in context masked', s.passwords);
  line('codes in context masked', s.codes);
  line('two kinds in one message, both masked', s.twoKinds);
  line('secrets precision (flagged rows that hold one)', s.secretsPrecision);
  line("agents' asks blocked", s.asksBlocked);
  line('asks precision (blocked rows that ask)', s.asksPrecision);
  line('false alarms, customer innocent texts', s.customerFalseAlarms);
  line('false alarms, agent innocent texts', s.agentFalseAlarms);
  line('false alarms, all innocent texts', s.falseAlarms);
  line('rows with letters masked outside a secret', s.overMasked);
  if (showFailures && !isHeldOut(s.part) && !TRAINED_ONLY.has(s.part))
    for (const f of s.failures) console.log(`  ! ${f}`);
  return h;
}

function printVerify(s: VerifyScore) {
  console.log(`\n## ${s.part}: Verify page\n`);
  console.log('| category | expected | rows | right answer | answered "official" |');
  console.log('|---|---|---|---|---|');
  for (const c of s.categories)
    console.log(
      `| ${c.category} | ${c.expected} | ${c.rows} | ${fmt(c.correct)} | ${c.calledOfficial.hit} |`,
    );
  console.log('');
  console.log(`- look-alikes answered "official": ${count(s.lookalikesOfficial)}`);
  console.log(`- look-alikes recognised as look-alikes: ${fmt(s.lookalikesRecognised)}`);
  console.log(`- official values recognised: ${fmt(s.officialRecognised)}`);
  console.log(`- not official, answered "official": ${count(s.notOfficialOfficial)}`);
  console.log(`- not official, answered "not one of ours": ${fmt(s.notOfficialRecognised)}`);
  console.log(`- every row answered right: ${fmt(s.correct)}`);
  if (showFailures && !isHeldOut(s.part) && !TRAINED_ONLY.has(s.part))
    for (const f of s.failures) console.log(`  ! ${f}`);
}

function printSearch(s: SearchScore) {
  const m = (x: SearchMeasure) => `${mrr(x).toFixed(3)} | ${hitAt1(x).toFixed(3)} (${x.hit1}/${x.of})`;
  console.log(
    `\n## ${s.part}: help search${s.onlyOther ? ', answer only in the other language (asked language hidden; hit = marked)' : ''}\n`,
  );
  console.log('| category | MRR | hit@1 |');
  console.log('|---|---|---|');
  for (const c of s.categories) console.log(`| ${c.category} | ${m(c)} |`);
  console.log(`| zh help center | ${m(s.byLang.zh)} |`);
  console.log(`| en help center | ${m(s.byLang.en)} |`);
  console.log(`| **all (zh + en)** | ${m(s.all)} |`);
  if (showFailures && !isHeldOut(s.part) && !TRAINED_ONLY.has(s.part))
    for (const f of s.failures) console.log(`  ! ${f}`);
}

for (const part of chosen) {
  const dir = join(EVAL_DATA, part);
  if (!existsSync(dir)) continue;
  print(scorePart(part, part === 'own' ? OWN_FILES : undefined));
}
const deskParts = chosen.filter(
  (p) => existsSync(join(EVAL_DATA, p, 'verify.jsonl')) || existsSync(join(EVAL_DATA, p, 'search.jsonl')),
);
if (deskParts.length > 0) {
  const desk = await openEvalDesk();
  try {
    for (const part of deskParts) {
      if (existsSync(join(EVAL_DATA, part, 'verify.jsonl')))
        printVerify(await scoreVerify(desk.services.db, part));
      if (existsSync(join(EVAL_DATA, part, 'search.jsonl'))) {
        printSearch(await scoreSearch(desk, part));
        printSearch(await scoreSearch(desk, part, { onlyOther: true }));
      }
    }
  } finally {
    await desk.close();
  }
}
