import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tsvectorLiteral } from './ticket-events.ts';

let pg: PGlite;
beforeAll(async () => {
  pg = await PGlite.create();
});
afterAll(async () => {
  await pg?.close();
});

describe('tsvectorLiteral', () => {
  it('reads back as the same tsvector as array_to_tsvector, quotes and backslashes included', async () => {
    const lexemes = ['提现', 'zhang.san', "o'brien", 'back\\slash', "it''s", 'kf-000123'];
    const { rows } = await pg.query<{ same: boolean; text: string }>(
      'select $1::tsvector = array_to_tsvector($2::text[]) as same, $1::tsvector::text as text',
      [tsvectorLiteral(lexemes), lexemes],
    );
    expect(rows[0]!.same).toBe(true);
    expect(tsvectorLiteral([])).toBe('');
  });
});
