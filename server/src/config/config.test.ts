import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kefu-config-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const base = () => ({ DATA_DIR: dataDir });

function configError(env: Record<string, string>): string {
  try {
    loadConfig({ ...base(), ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

describe('configuration from the environment', () => {
  it('has working defaults and keeps generated secrets across starts', async () => {
    const first = loadConfig(base());
    expect(first).toMatchObject({
      port: 3000,
      databaseUrl: null,
      databasePoolSize: 20,
      seedDemo: true,
      maxUploadBytes: 20 * 1024 * 1024,
    });
    expect(first.appSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig(base()).appSecret).toBe(first.appSecret);
    expect((await readFile(join(dataDir, 'app-secret'), 'utf8')).trim()).toBe(first.appSecret);
    const pg = loadConfig({ ...base(), DATABASE_URL: 'postgres://u:p@db:5432/kefu', PORT: '8080' });
    expect(pg.databaseUrl).toBe('postgres://u:p@db:5432/kefu');
    expect(pg.port).toBe(8080);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number, got "abc"'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535, got 70000'],
    [{ PORT: '-1' }, 'PORT must be a whole number'],
    [{ DATABASE_URL: 'mysql://root@db/kefu' }, 'DATABASE_URL must start with postgres:// or postgresql://'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a valid URL'],
    [{ REDIS_URL: 'http://cache' }, 'REDIS_URL must start with redis:// or rediss://'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL must start with http:// or https://'],
    [{ APP_SECRET: 'short' }, 'APP_SECRET must be at least 32 characters long'],
    [{ CUSTOMER_JWT_SECRET: 'short' }, 'CUSTOMER_JWT_SECRET must be at least 32 characters long'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO must be true or false'],
    [{ MAX_UPLOAD_MB: '0' }, 'MAX_UPLOAD_MB must be between 1 and 1024'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE must be between 1 and 500'],
    [{ JOB_POLL_SECONDS: 'soon' }, 'JOB_POLL_SECONDS'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be at least 24 characters'],
    [{ CUSTOMER_JWT_PUBLIC_KEY_FILE: '/nonexistent/key.pem' }, 'CUSTOMER_JWT_PUBLIC_KEY_FILE cannot be read'],
  ])('%j → one clear line', (env, expected) => {
    expect(configError(env)).toContain(expected);
  });

  it('never prints the password of a connection string', () => {
    const message = configError({ DATABASE_URL: 'mysql://admin:hunter2-secret@db/kefu' });
    expect(message).not.toContain('hunter2');
    expect(configError({ DATABASE_URL: 'postgres://admin:hunter2 secret@[db/kefu' })).not.toContain(
      'hunter2',
    );
  });

  it('reads a public key file for identity tokens, and refuses a private key or an unsupported one', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const good = join(dataDir, 'pub.pem');
    await writeFile(good, publicKey.export({ type: 'spki', format: 'pem' }));
    expect(loadConfig({ ...base(), CUSTOMER_JWT_PUBLIC_KEY_FILE: good }).customerJwt.kind).toBe('public-key');
    const priv = join(dataDir, 'priv.pem');
    await writeFile(priv, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(configError({ CUSTOMER_JWT_PUBLIC_KEY_FILE: priv })).toContain('BEGIN PUBLIC KEY');
    const dsa = join(dataDir, 'x448.pem');
    await writeFile(dsa, generateKeyPairSync('x448').publicKey.export({ type: 'spki', format: 'pem' }));
    expect(configError({ CUSTOMER_JWT_PUBLIC_KEY_FILE: dsa })).toContain('CUSTOMER_JWT_PUBLIC_KEY_FILE');
  });
});

describe('npm start with a malformed setting', () => {
  it('exits 1 printing one line', async () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    const node = join(root, 'node_modules', '.bin', 'node');
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        node,
        [join(root, 'server/src/main.ts')],
        { env: { PATH: process.env.PATH, PORT: 'abc', DATA_DIR: dataDir }, timeout: 30_000 },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
      );
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'kefu: configuration error: PORT must be a whole number, got "abc"',
    ]);
  });
});
