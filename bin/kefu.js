#!/usr/bin/env node
// `npx kefu …`: runs server/src/cli.ts on Node 24 (TypeScript by type stripping). npx may start
// this file on the machine's older Node, so it re-executes itself on the project's pinned Node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'server', 'src', 'cli.ts');
const major = Number(process.versions.node.split('.')[0]);
const pinned = join(root, 'node_modules', '.bin', 'node');
const node = major >= 24 ? process.execPath : existsSync(pinned) ? pinned : null;
if (!node) {
  console.error('kefu: Node 24 is needed; run `npm install` in the project first');
  process.exit(1);
}
const result = spawnSync(node, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.error) {
  console.error(`kefu: cannot start Node: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
