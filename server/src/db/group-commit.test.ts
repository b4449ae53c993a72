import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

// The rest of group commit's unit tests are with its first user, chat/group-commit.test.ts.
describe('group commit for an embedded database', () => {
  it('waits one turn of the event loop, so items that turn brings go together even when runs return at once', async () => {
    const batches: number[][] = [];
    const commit = groupCommit<number, number>({
      keyOf: (i) => String(i),
      maxBatch: 4,
      maxInFlight: 1,
      gatherForOneTurn: true,
      // Answers without waiting, as PGlite's statement has already run when the call returns.
      run: async (batch) => {
        batches.push(batch);
        return batch.map((i) => i * 10);
      },
    });
    const first = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => commit.submit(i)));
    expect(first).toEqual([10, 20, 30, 40, 50, 60]);
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [5, 6],
    ]);
    // A lone item still goes, one turn later.
    expect(await commit.submit(7)).toBe(70);
    expect(batches.at(-1)).toEqual([7]);
  });
});
