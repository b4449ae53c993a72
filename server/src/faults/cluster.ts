// The fault suite's own world: a PostgreSQL 15 cluster, a redis-server, an SMTP sink and Kefu nodes
// as child processes, all on free loopback ports, never the shared 5432/6379.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chownSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../testing/free-port.ts';

const exec = promisify(execFile);
export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { freePort };

/** Polls `check` every 100 ms until it is truthy; throws after `timeoutMs`. */
export async function until<T>(check: () => T | Promise<T>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve()
      .then(check)
      .catch(() => undefined);
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** PostgreSQL in a temp dir; as root (CI) it runs as the postgres user, since initdb refuses root. */
export class Postgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'kefu-faults-pg-'));
  port = 0;
  private readonly ids: { uid?: number; gid?: number } =
    process.getuid?.() === 0 ? { uid: uidOf('postgres'), gid: gidOf('postgres') } : {};
  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  async init() {
    this.port = await freePort();
    if (this.ids.uid !== undefined) chownSync(this.dir, this.ids.uid, this.ids.gid!);
    await this.bin('initdb', [
      '-D',
      join(this.dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    await this.start();
  }
  async start() {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c full_page_writes=off`;
    await this.bin('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-o',
      options,
      '-l',
      join(this.dir, 'log'),
      '-w',
      'start',
    ]);
  }
  async stop(mode: 'fast' | 'immediate' = 'fast') {
    await this.bin('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']).catch(() => {});
  }
  /** Ends every client backend, as an operator or an idle-in-transaction timeout would. */
  async terminateBackends(): Promise<number> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      const res = await client.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );
      return res.rowCount ?? 0;
    } finally {
      await client.end();
    }
  }
  async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }
  async close() {
    await this.stop('immediate');
    rmSync(this.dir, { recursive: true, force: true });
  }
  private async bin(name: string, args: string[]) {
    await exec(join(PG_BIN, name), args, { ...this.ids, cwd: this.dir, timeout: 60_000 });
  }
}

function uidOf(user: string): number {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`no user ${user} to run PostgreSQL as`);
  return Number(line.split(':')[2]);
}
function gidOf(user: string): number {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`))!;
  return Number(line.split(':')[3]);
}

/** redis-server without persistence on a free port: a restart loses everything, as a cache may. */
export class RedisServer {
  port = 0;
  private proc: ChildProcess | null = null;
  get url() {
    return `redis://127.0.0.1:${this.port}/3`;
  }
  async start() {
    if (!this.port) this.port = await freePort();
    this.proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await until(
      () => exec('redis-cli', ['-p', String(this.port), 'ping']).then((r) => r.stdout.includes('PONG')),
      10_000,
      'redis-server',
    );
  }
  async kill() {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  }
}

export interface SinkMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  at: number;
}

/**
 * The relay every node sends through. It keeps every copy it was handed, by Message-ID: a copy
 * whose Message-ID it has seen is what a real relay or mailbox would drop. `holdMs` delays the
 * final 250 after the data arrived, the window in which a node can die between handing a mail over
 * and recording it as sent.
 */
export class MailSink {
  readonly received: SinkMail[] = [];
  holdMs = 0;
  holding = 0;
  port = 0;
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks))
          .then(async (mail) => {
            this.received.push({
              messageId: (mail.messageId ?? '').replace(/^<|>$/g, ''),
              to: Array.isArray(mail.to) ? (mail.to[0]?.text ?? '') : (mail.to?.text ?? ''),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              at: Date.now(),
            });
            if (this.holdMs > 0) {
              this.holding++;
              await sleep(this.holdMs);
              this.holding--;
            }
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  async start() {
    this.port = await freePort();
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }
  byMessageId(): Map<string, SinkMail[]> {
    const map = new Map<string, SinkMail[]>();
    for (const m of this.received) map.set(m.messageId, [...(map.get(m.messageId) ?? []), m]);
    return map;
  }
  async close() {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** One Kefu node: `node server/src/main.ts` with its settings in the environment. */
export class KefuNode {
  port = 0;
  proc: ChildProcess | null = null;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'kefu-faults-node-'));
  /** Exits nobody asked for (a crash): must stay empty. */
  readonly crashes: string[] = [];
  readonly index: number;
  private readonly env: Record<string, string>;
  constructor(index: number, env: Record<string, string>) {
    this.index = index;
    this.env = env;
  }
  get http() {
    return `http://127.0.0.1:${this.port}`;
  }
  get ws() {
    return `ws://127.0.0.1:${this.port}/api/v1/chat/ws`;
  }
  get alive() {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }
  /** Starts the process and resolves with the seconds until /readyz answered 200. */
  async start(): Promise<number> {
    if (!this.port) this.port = await freePort();
    const started = Date.now();
    const log = createWriteStream(join(this.dataDir, 'node.log'), { flags: 'a' });
    const proc = spawn(process.execPath, ['server/src/main.ts'], {
      env: {
        ...process.env,
        ...this.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout?.pipe(log);
    proc.stderr?.pipe(log);
    proc.once('exit', (code, signal) => {
      if (this.proc === proc && signal !== 'SIGKILL' && signal !== 'SIGTERM')
        this.crashes.push(`node ${this.index} exited: code ${code} signal ${signal}`);
    });
    this.proc = proc;
    await until(
      async () => {
        if (proc.exitCode !== null)
          throw new Error(`node ${this.index} exited during start: ${this.logTail()}`);
        return (await fetch(`${this.http}/readyz`, { signal: AbortSignal.timeout(2000) })).status === 200;
      },
      120_000,
      `node ${this.index} ready`,
    ).catch((err) => {
      throw new Error(`${(err as Error).message}\n${this.logTail()}`);
    });
    return (Date.now() - started) / 1000;
  }
  async kill(signal: NodeJS.Signals = 'SIGKILL') {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(signal);
    await exited;
  }
  logTail(lines = 30): string {
    try {
      return readFileSync(join(this.dataDir, 'node.log'), 'utf8')
        .split('\n')
        .slice(-lines)
        .map((l) => l.slice(0, 400))
        .join('\n');
    } catch {
      return '(no log)';
    }
  }
  async close() {
    await this.kill('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
