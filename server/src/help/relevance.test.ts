import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { RELEVANCE_CASES } from './relevance-cases.ts';
import { searchHelp } from './search.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(() => desk.close());

describe('help search relevance', () => {
  it('puts the right article first often enough: MRR ≥ 0.85 over the demo help center', async () => {
    expect(RELEVANCE_CASES.length).toBeGreaterThanOrEqual(60);
    let sum = 0;
    const misses: string[] = [];
    for (const c of RELEVANCE_CASES) {
      const hits = await searchHelp(desk.services.db, { q: c.q, lang: c.lang, limit: 10 });
      const rank = hits.findIndex((h) => h.slug === c.expect) + 1;
      sum += rank > 0 ? 1 / rank : 0;
      if (rank !== 1) misses.push(`${c.q} → #${rank || '–'} (first: ${hits[0]?.slug ?? 'nothing'})`);
    }
    const mrr = sum / RELEVANCE_CASES.length;
    console.log(`help search MRR = ${mrr.toFixed(3)} over ${RELEVANCE_CASES.length} queries`);
    if (misses.length) console.log(`not first:\n  ${misses.join('\n  ')}`);
    expect(mrr).toBeGreaterThanOrEqual(0.85);
  });
});
