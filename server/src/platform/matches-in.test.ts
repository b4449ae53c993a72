import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchesIn } from './matches-in.ts';

const shape = (ms: Iterable<RegExpMatchArray>) =>
  [...ms].map((m) => ({ index: m.index, all: [...m], groups: m.groups ? { ...m.groups } : undefined }));

describe('matchesIn', () => {
  const cases: Array<[RegExp, string]> = [
    [/\d+/g, 'code 4821 and 77, then 9'],
    [/(?<w>[a-z]+)|(?<d>\d)/giu, 'Ab 3 cd 验证码 9'],
    [/x*/g, 'axxbx'],
    [/(?:)/gu, 'a😀b'],
    [/(?=😀)|b/gu, '😀😀b'],
    [/[\s\S]?/g, '\ud83d'],
    [/密码|code/giu, '没有 none'],
    [/^\w+/gm, 'one\ntwo\n three'],
  ];
  it.each(cases)('gives what matchAll gives for %s', (pattern, text) => {
    expect(shape(matchesIn(text, pattern))).toEqual(shape(text.matchAll(new RegExp(pattern))));
  });

  it('starts at the pattern’s lastIndex and leaves it as it was, as matchAll does', () => {
    const pattern = /\d/g;
    pattern.lastIndex = 3;
    const expected = shape('1 2 3 4'.matchAll(pattern));
    expect(pattern.lastIndex).toBe(3);
    expect(shape(matchesIn('1 2 3 4', pattern))).toEqual(expected);
    expect(pattern.lastIndex).toBe(3);
    expect(expected.map((m) => m.all[0])).toEqual(['3', '4']);
  });

  it('gathers every match before the caller reads one, so the caller may use the pattern again', () => {
    const pattern = /\d/g;
    const seen: string[] = [];
    for (const m of matchesIn('1 2 3', pattern)) {
      seen.push(m[0], String(matchesIn('9 8', pattern).length));
    }
    expect(seen).toEqual(['1', '2', '2', '2', '3', '2']);
  });

  it('refuses a pattern without the g flag, as matchAll does', () => {
    expect(() => matchesIn('a', /a/)).toThrow(TypeError);
    expect(() => 'a'.matchAll(/a/)).toThrow(TypeError);
  });
});

describe('the message paths’ patterns', () => {
  it('are read with matchesIn, not matchAll, in the secret screen and the search row (run on every message)', () => {
    const dirs = ['safety', 'ticket-search'].map((d) => join(import.meta.dirname, '..', d));
    const files = dirs.flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => join(d, f)),
    );
    expect(files.length).toBeGreaterThan(50);
    const using = files.filter((f) => /\.matchAll\(/.test(readFileSync(f, 'utf8')));
    expect(using).toEqual([]);
  });
});
