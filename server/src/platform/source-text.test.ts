import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Source files hold no control characters but tab, newline and carriage return. A script's edit once
 * wrote "\b" as a literal backspace into a pattern (round 18 of #19: `\bspill\b` became
 * `␈spill␈`, and the rule silently matched nothing); a NUL, a form feed or an escape typed by a
 * tool is as invisible in review. A test that needs one writes it as an escape ("\u0000").
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DIRS = ['server', 'web', 'bench'];
const SOURCE = /\.(?:ts|tsx|js|mjs)$/;
/** A C0 control character other than tab, newline and carriage return, or DEL. */
function hasControl(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (SOURCE.test(entry.name)) out.push(path);
  }
  return out;
}

describe('source text', () => {
  it('has no control characters but tab, newline and carriage return', () => {
    const files = DIRS.flatMap((d) => sourceFiles(join(ROOT, d)));
    expect(files.length).toBeGreaterThan(100);
    const bad = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (hasControl(line) ? [`${relative(ROOT, file)}:${i + 1}`] : [])),
    );
    expect(bad).toEqual([]);
  });
});
