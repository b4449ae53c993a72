import { readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Data walks one way: route → command → tickets' tables + events → subscribers. tickets/ knows
 * the layers it stands on and nothing above it: the capabilities that hear its events (clocks,
 * CSAT, notices, channels, automations, webhooks …) and the pages composed from them are reached
 * only through events and registries. This test reads the imports, so a later change that calls
 * up into one of them by name fails here rather than in a review.
 */

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TICKETS = resolve(SRC, 'tickets');

/** What tickets/ stands on. Everything else is above it or beside it. */
const BELOW = [
  'attachments',
  'audit',
  'custom-fields',
  'customers',
  'db',
  'desk',
  'identity',
  'platform',
  'safety',
];

const IMPORT = /^\s*import\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gms;

interface Edge {
  target: string;
  typeOnly: boolean;
}

const cache = new Map<string, Edge[]>();
function importsOf(file: string): Edge[] {
  let edges = cache.get(file);
  if (edges) return edges;
  edges = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = m[3]!;
    if (!spec.startsWith('.')) continue;
    edges.push({ target: resolve(dirname(file), spec), typeOnly: Boolean(m[1]) });
  }
  cache.set(file, edges);
  return edges;
}

const rel = (f: string) => relative(SRC, f);
const folderOf = (f: string) => rel(f).split('/')[0]!;
const isTickets = (f: string) => f.startsWith(`${TICKETS}/`);
const isSchema = (f: string) => f.endsWith('/schema.ts');
const sourceFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !/\.(test|security|faults)\.ts$/.test(f))
    .map((f) => resolve(dir, f));

/** Every file the code of tickets/ runs (value imports, followed through), with how it was reached. */
function reachedFromTickets(): Map<string, string[]> {
  const via = new Map<string, string[]>();
  const queue: Array<[string, string[]]> = sourceFiles(TICKETS).map((f) => [f, [rel(f)]]);
  while (queue.length) {
    const [file, chain] = queue.shift()!;
    if (via.has(file)) continue;
    via.set(file, chain);
    for (const e of importsOf(file)) if (!e.typeOnly) queue.push([e.target, [...chain, rel(e.target)]]);
  }
  return via;
}

/** The folders whose code registers a subscriber to ticket events: above tickets/ by definition. */
function subscriberFolders(): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = resolve(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        if (/subscribeToTicketEvents\(/.test(readFileSync(path, 'utf8')) && !isTickets(path))
          out.add(folderOf(path));
      }
    }
  };
  walk(SRC);
  return out;
}

describe('tickets/ imports nothing above it', () => {
  it('imports directly (values and types) only from the layers it stands on', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(TICKETS))
      for (const e of importsOf(file)) {
        if (isTickets(e.target) || !e.target.startsWith(SRC)) continue;
        if (!BELOW.includes(folderOf(e.target)) && !isSchema(e.target))
          wrong.push(`${rel(file)} → ${rel(e.target)}`);
      }
    expect(wrong).toEqual([]);
  });

  it('runs no code of a capability above it, however indirectly (tables aside)', () => {
    const above = subscriberFolders();
    // The check means something only if it knows the subscribers.
    expect([...above]).toEqual(expect.arrayContaining(['sla', 'csat', 'notifications', 'automations']));
    const wrong: string[] = [];
    for (const [file, chain] of reachedFromTickets()) {
      if (isTickets(file) || isSchema(file) || !file.startsWith(SRC)) continue;
      if (above.has(folderOf(file)) || !BELOW.includes(folderOf(file))) wrong.push(chain.join(' → '));
    }
    expect(wrong).toEqual([]);
  });

  it('stands on modules that do not call back into tickets/ (no cycle through its commands)', () => {
    const wrong: string[] = [];
    for (const [file, chain] of reachedFromTickets()) {
      if (isTickets(file) || !file.startsWith(SRC)) continue;
      for (const e of importsOf(file))
        if (!e.typeOnly && isTickets(e.target) && !/\/(schema|model)\.ts$/.test(e.target))
          wrong.push(`${chain.join(' → ')} → ${rel(e.target)}`);
    }
    expect(wrong).toEqual([]);
  });
});
