import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { loadConfig } from './config/config.ts';
import { openPglite } from './db/client.ts';
import { createLogger } from './platform/logger.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'kefu.js');
let dataDir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kefu …` as an operator would, on a Node given by path (the system's may be older). */
function kefu(args: string[], options: { stdin?: string; node?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      options.node ?? process.execPath,
      [bin, ...args],
      {
        cwd: root,
        env: { PATH: process.env.PATH, DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
        timeout: 60_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kefu-cli-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

// Each run opens PGlite from disk in a new process (a few seconds each on a busy 2-core machine).
describe('npx kefu', { timeout: 240_000 }, () => {
  it('prints help', async () => {
    const run = await kefu(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('create-token');
  });

  it('migrates, creates an admin, a token, seeds, and refuses mistakes in one line', async () => {
    expect((await kefu(['migrate'])).code).toBe(0);

    const admin = await kefu(['create-admin', '--email', 'ops@lumen-exchange.example', '--name', 'Ops'], {
      stdin: 'correct-horse-battery\n',
    });
    expect(admin.code).toBe(0);
    expect(admin.stdout + admin.stderr).not.toContain('correct-horse-battery');

    const again = await kefu(['create-admin', '--email', 'ops@lumen-exchange.example', '--name', 'Ops'], {
      stdin: 'correct-horse-battery\n',
    });
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);

    const weak = await kefu([
      'create-admin',
      '--email',
      'b@lumen-exchange.example',
      '--name',
      'B',
      '--password',
      'short',
    ]);
    expect(weak.code).toBe(1);

    const token = await kefu(['create-token', '--name', 'ci', '--scopes', 'tickets:read,tickets:write']);
    expect(token.code).toBe(0);
    const value = token.stdout.trim();
    expect(value).toMatch(/^kft_\S+$/);

    const bad = await kefu(['create-token', '--name', 'ci', '--scopes', 'tickets:read,everything']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('everything');

    expect((await kefu(['seed-demo'])).stdout).toContain('already has agents');
    expect((await kefu(['no-such-command'])).code).toBe(1);

    // The token and the admin work against the same database as `npm start` would open it.
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
    const database = await openPglite(join(dataDir, 'pg'));
    const { app } = await buildApp({ config, database, logger: createLogger('silent') });
    try {
      const listed = await app.inject({
        method: 'GET',
        url: '/api/v1/tickets',
        headers: { authorization: `Bearer ${value}` },
      });
      expect(listed.statusCode).toBe(200);
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'ops@lumen-exchange.example', password: 'correct-horse-battery' },
      });
      expect(signIn.statusCode).toBe(200);
      expect(signIn.json().agent.role).toBe('admin');
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('seeds the demo desk on an empty database, and runs from an older system Node', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'kefu-cli-seed-'));
    const saved = dataDir;
    dataDir = fresh;
    try {
      // `npx kefu` may start bin/kefu.js on the machine's Node 20: it must re-exec on Node 24.
      const systemNode = process.env.KEFU_SYSTEM_NODE ?? '/usr/bin/node';
      const run = await kefu(['seed-demo'], { node: systemNode });
      expect(run.stderr).not.toContain('SyntaxError');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('demo desk seeded');
      // The seeded tickets went through the view counters' trigger: a recount finds nothing wrong.
      const recount = await kefu(['recount-views']);
      expect(recount.code, recount.stderr).toBe(0);
      expect(recount.stdout).toContain('they matched the tickets');
    } finally {
      dataDir = saved;
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('refuses a mistake before it opens (or creates) the database', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'kefu-cli-refuse-'));
    const saved = dataDir;
    dataDir = fresh;
    try {
      const mistakes = [
        ['create-admin', '--email', 'c@lumen-exchange.example', '--name', 'C', '--password', 'short'],
        ['create-admin', '--email', 'c@lumen-exchange.example'],
        ['create-token', '--name', 'ci', '--scopes', 'tickets:read,everything'],
        ['create-token', '--name', 'ci'],
        ['help', 'import', join(fresh, 'nowhere')],
        ['search', 'reindex', 'now'],
        ['no-such-command'],
      ];
      for (const args of mistakes) {
        const run = await kefu(args);
        expect(run.code, args.join(' ')).toBe(1);
        expect(run.stderr.trim().split('\n'), args.join(' ')).toEqual([expect.stringMatching(/^kefu: /)]);
      }
      // No database was made for a command that was refused (the settings' secrets may have been).
      expect(await readdir(fresh)).not.toContain('pg');
    } finally {
      dataDir = saved;
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('stops with one line on a malformed setting', async () => {
    const run = await new Promise<Run>((resolve) => {
      execFile(
        process.execPath,
        [bin, 'migrate'],
        { cwd: root, env: { PATH: process.env.PATH, DATA_DIR: dataDir, DATABASE_URL: 'mysql://x' } },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
      );
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('DATABASE_URL')]);
  });
});
