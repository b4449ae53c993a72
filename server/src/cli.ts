import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { fileStorage } from './attachments/storage.ts';
import { openConfiguredDatabase } from './boot.ts';
import { type Config, ConfigError, loadConfig } from './config/config.ts';
import type { Database } from './db/client.ts';
import { seedDemoDesk } from './demo/seed.ts';
import {
  exportHelpCenter,
  importHelpCenter,
  importSummary,
  progressBar,
  progressLines,
} from './help/cli-commands.ts';
import { HelpFolderError } from './help/folder.ts';
import { createAgent, createApiToken } from './identity/agents.ts';
import { API_SCOPES, type ApiScope } from './identity/principal.ts';
import { AppError, errorMessage } from './platform/errors.ts';
import { createLogger } from './platform/logger.ts';
import { reindexTickets } from './ticket-search/reindex.ts';
import { misplacedTickets, recountViewCounts, viewCountDrift } from './tickets/view-counters.ts';

const HELP = `Usage: npx kefu <command> [options]

Commands:
  migrate                                   apply the database migrations
  create-admin --email E --name N [--password P]
                                            create an admin agent (password prompted or read from stdin
                                            when not given)
  seed-demo                                 seed the demo desk when the database has no agents
  create-token --name N --scopes a,b        create an API token (printed once; scopes: ${API_SCOPES.join(', ')})
  help import <dir>                         import a help center folder (structure.yaml + Markdown
                                            files with front matter); an article whose language and
                                            slug exist is updated, an unchanged one left alone
  help export <dir>                         write the help center to a folder in the same layout
                                            (article images as files in <dir>/images)
  search reindex                            rebuild agent search's index of every ticket (in
                                            batches, with progress; safe to stop and run again)
  recount-views                             count the inbox views' counters again from the tickets
                                            (after a load that bypassed triggers; prints any drift)
  help                                      this text

The database is the one \`npm start\` uses: DATABASE_URL, else embedded PGlite in DATA_DIR.`;

/** An operator's mistake: printed as one line, exit code 1. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'help' && rest.length > 0) return helpCenter(rest);
  if (command === 'search') return searchIndex(rest);
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      scopes: { type: 'string' },
    },
    strict: true,
  });
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`unknown command "${command}" (see \`npx kefu help\`)`);
  await withDatabase((database, config) => run({ config, database, values }));
}

/** Opens the configured database (migrated) for a command, and closes it after. */
async function withDatabase(run: (database: Database, config: Config) => Promise<void>) {
  const config = loadConfig();
  // Warnings only: a CLI's output is for the operator, not a log stream.
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const database = await openConfiguredDatabase(config, logger);
  try {
    await run(database, config);
  } finally {
    await database.close();
  }
}

/** `help import <dir>` / `help export <dir>`: the help center as a folder of Markdown files. */
async function helpCenter([sub, dir, ...extra]: string[]): Promise<void> {
  if (sub !== 'import' && sub !== 'export')
    throw new UsageError(`unknown help command "${sub}" (use \`npx kefu help import|export <dir>\`)`);
  if (!dir || extra.length) throw new UsageError(`usage: npx kefu help ${sub} <dir>`);
  // Said before the database is opened (seconds on PGlite); the import checks every file again.
  if (sub === 'import' && !existsSync(join(dir, 'structure.yaml')))
    throw new UsageError(
      `${join(resolve(dir), 'structure.yaml')}: not found (is ${dir} a help-center folder?)`,
    );
  await withDatabase(async (database, config) => {
    // The attachments the server keeps under DATA_DIR: article images are read from and written there.
    const desk = {
      db: database.db,
      storage: fileStorage(join(config.dataDir, 'attachments')),
      maxUploadBytes: config.maxUploadBytes,
    };
    if (sub === 'export') {
      const r = await exportHelpCenter(desk, dir);
      console.log(
        `exported ${r.articles} articles and ${r.images} images to ${resolve(dir)} ` +
          `(${r.sections} sections, ${r.categories} categories)`,
      );
      return;
    }
    // A bar redrawn in place on a terminal; plain lines in a log or a pipe.
    const tty = process.stderr.isTTY === true;
    let drawn = false;
    const show = tty ? progressBar() : progressLines();
    try {
      const r = await importHelpCenter(desk, dir, (done, total, file) => {
        drawn = done < total;
        show(done, total, file);
      });
      console.log(importSummary(r, dir));
    } finally {
      if (tty && drawn) process.stderr.write('\n'); // the error goes under the bar, not into it
    }
  });
}

/** `search reindex`: every ticket's search row rebuilt from what is stored. */
async function searchIndex([sub, ...extra]: string[]): Promise<void> {
  if (sub !== 'reindex' || extra.length) throw new UsageError('usage: npx kefu search reindex');
  await withDatabase(async (database) => {
    const tty = process.stderr.isTTY === true;
    const show = tty ? progressBar() : progressLines();
    const started = Date.now();
    const n = await reindexTickets(database.db, {
      batch: 1000,
      onProgress: ({ done, total }) => show(done, total, 'tickets'),
    });
    console.log(`indexed ${n} tickets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}

interface CommandContext {
  config: Config;
  database: Database;
  values: { email?: string; name?: string; password?: string; scopes?: string };
}

const COMMANDS: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async migrate() {
    // openConfiguredDatabase has migrated it.
    console.log('migrations applied');
  },
  async 'recount-views'({ database }) {
    const drift = misplacedTickets(await viewCountDrift(database.db));
    await recountViewCounts(database.db);
    console.log(
      drift === 0
        ? 'view counters recounted: they matched the tickets'
        : `view counters recounted: ${drift} tickets were counted in the wrong place before`,
    );
  },

  async 'create-admin'({ database, values }) {
    if (!values.email || !values.name) throw new UsageError('create-admin needs --email and --name');
    const password = values.password ?? (await readPassword());
    const agent = await createAgent(database.db, {
      email: values.email,
      name: values.name,
      password,
      role: 'admin',
    });
    console.log(`admin created: ${agent.email} (${agent.id})`);
  },

  async 'seed-demo'({ config, database }) {
    // Seeding sends jobs (the customers' inbox notices), so the app's job queue must run.
    const { app, services } = await buildApp({ config, database, logger: createLogger('warn') });
    await app.ready();
    try {
      const seeded = await seedDemoDesk(services, { onlyIfEmpty: true });
      console.log(seeded ? 'demo desk seeded' : 'the database already has agents: nothing seeded');
    } finally {
      await app.close();
    }
  },

  async 'create-token'({ database, values }) {
    if (!values.name || !values.scopes) throw new UsageError('create-token needs --name and --scopes');
    const scopes = values.scopes
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
    if (unknown.length || scopes.length === 0) {
      throw new UsageError(
        `unknown scope(s): ${unknown.join(', ') || '(none given)'}; known: ${API_SCOPES.join(', ')}`,
      );
    }
    const { token, record } = await createApiToken(database.db, {
      name: values.name,
      scopes: scopes as ApiScope[],
      createdBy: null,
    });
    console.error(`token "${record.name}" created with scopes ${scopes.join(',')}; it is shown only once:`);
    console.log(token);
  },
};

/** The password from a prompt on a terminal, else the first line of stdin (for scripts). */
async function readPassword(): Promise<string> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdin.isTTY ? process.stderr : undefined,
  });
  try {
    const line = await new Promise<string | null>((resolve) => {
      let answered = false;
      rl.on('close', () => {
        if (!answered) resolve(null);
      });
      if (process.stdin.isTTY) process.stderr.write('Password: ');
      rl.once('line', (l) => {
        answered = true;
        resolve(l);
      });
    });
    if (!line) throw new UsageError('no password given (use --password or write it to stdin)');
    return line;
  } finally {
    rl.close();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(`kefu: configuration error: ${err.message}`);
    else if (err instanceof UsageError || err instanceof HelpFolderError)
      console.error(`kefu: ${err.message}`);
    else if (err instanceof AppError) console.error(`kefu: ${errorMessage(err.code, 'en', err.params)}`);
    else if (err instanceof Error && err.name === 'TypeError' && 'code' in err)
      console.error(`kefu: ${err.message}`);
    else console.error('kefu: failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
