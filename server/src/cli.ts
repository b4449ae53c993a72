import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from './config/config.ts';
import type { Database } from './db/client.ts';
import { API_SCOPES, type ApiScope } from './identity/principal.ts';
import { AppError, errorMessage } from './platform/errors.ts';
import { progressBar, progressLines } from './platform/progress.ts';

// An operator's command loads only what it uses (the whole app is ~3,000 modules, seconds of
// loading on a small machine), so `help` and a mistyped option answer at once; and Node keeps the
// modules it compiled in its cache (the OS temp folder) for the next command.
enableCompileCache();

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
  const cmd = COMMANDS[command];
  if (!cmd) throw new UsageError(`unknown command "${command}" (see \`npx kefu help\`)`);
  const config = loadConfig(); // a malformed setting is said before anything is asked
  await cmd.check?.(values);
  await withDatabase((database) => cmd.run({ config, database, values }), config);
}

/** Opens the configured database (migrated) for a command, and closes it after. */
async function withDatabase(
  run: (database: Database, config: Config) => Promise<void>,
  config: Config = loadConfig(),
) {
  // Warnings only: a CLI's output is for the operator, not a log stream.
  const [{ createLogger }, { openConfiguredDatabase }] = await Promise.all([
    import('./platform/logger.ts'),
    import('./db/open.ts'),
  ]);
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
  const [{ exportHelpCenter, importHelpCenter, importSummary }, { HelpFolderError }, { fileStorage }] =
    await Promise.all([
      import('./help/cli-commands.ts'),
      import('./help/folder.ts'),
      import('./attachments/storage.ts'),
    ]);
  const run = withDatabase(async (database, config) => {
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
    const show = tty ? progressBar() : progressLines('imported');
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
  // A folder the operator can fix (a file's bad YAML, a missing image): one line naming it.
  await run.catch((err: unknown) => {
    throw err instanceof HelpFolderError ? new UsageError(err.message) : err;
  });
}

/** `search reindex`: every ticket's search row rebuilt from what is stored. */
async function searchIndex([sub, ...extra]: string[]): Promise<void> {
  if (sub !== 'reindex' || extra.length) throw new UsageError('usage: npx kefu search reindex');
  const { reindexTickets } = await import('./ticket-search/reindex.ts');
  await withDatabase(async (database) => {
    const tty = process.stderr.isTTY === true;
    const show = tty ? progressBar() : progressLines('indexed');
    const started = Date.now();
    const n = await reindexTickets(database.db, {
      batch: 1000,
      onProgress: ({ done, total }) => show(done, total, 'tickets'),
    });
    console.log(`indexed ${n} tickets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}

type Values = { email?: string; name?: string; password?: string; scopes?: string };

interface CommandContext {
  config: Config;
  database: Database;
  values: Values;
}

/**
 * A command: `check` refuses a mistake (and asks for what is missing) before the database is opened,
 * which takes seconds on PGlite; `run` does the work on the opened, migrated database.
 */
interface Command {
  check?: (values: Values) => Promise<void> | void;
  run: (ctx: CommandContext) => Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  migrate: {
    async run() {
      // openConfiguredDatabase has migrated it.
      console.log('migrations applied');
    },
  },

  'recount-views': {
    async run({ database }) {
      const { misplacedTickets, recountViewCounts, viewCountDrift } = await import(
        './tickets/view-counters.ts'
      );
      const drift = misplacedTickets(await viewCountDrift(database.db));
      await recountViewCounts(database.db);
      console.log(
        drift === 0
          ? 'view counters recounted: they matched the tickets'
          : `view counters recounted: ${drift} tickets were counted in the wrong place before`,
      );
    },
  },

  'create-admin': {
    async check(values) {
      if (!values.email || !values.name) throw new UsageError('create-admin needs --email and --name');
      values.password ??= await readPassword();
      const { MIN_PASSWORD_LENGTH } = await import('./identity/passwords.ts');
      if (values.password.length < MIN_PASSWORD_LENGTH)
        throw new AppError('weak_password', { min: MIN_PASSWORD_LENGTH });
    },
    async run({ database, values }) {
      const { createAgent } = await import('./identity/agents.ts');
      const agent = await createAgent(database.db, {
        email: values.email ?? '',
        name: values.name ?? '',
        password: values.password ?? '',
        role: 'admin',
      });
      console.log(`admin created: ${agent.email} (${agent.id})`);
    },
  },

  'seed-demo': {
    async run({ config, database }) {
      // Seeding sends jobs (the customers' inbox notices), so the app's job queue must run.
      const [{ buildApp }, { seedDemoDesk }, { createLogger }] = await Promise.all([
        import('./app.ts'),
        import('./demo/seed.ts'),
        import('./platform/logger.ts'),
      ]);
      const { app, services } = await buildApp({ config, database, logger: createLogger('warn') });
      await app.ready();
      try {
        const seeded = await seedDemoDesk(services, { onlyIfEmpty: true });
        console.log(seeded ? 'demo desk seeded' : 'the database already has agents: nothing seeded');
      } finally {
        await app.close();
      }
    },
  },

  'create-token': {
    check(values) {
      if (!values.name || !values.scopes) throw new UsageError('create-token needs --name and --scopes');
      const unknown = tokenScopes(values.scopes).filter(
        (s) => !(API_SCOPES as readonly string[]).includes(s),
      );
      if (unknown.length || tokenScopes(values.scopes).length === 0) {
        throw new UsageError(
          `unknown scope(s): ${unknown.join(', ') || '(none given)'}; known: ${API_SCOPES.join(', ')}`,
        );
      }
    },
    async run({ database, values }) {
      const scopes = tokenScopes(values.scopes ?? '') as ApiScope[];
      const { createApiToken } = await import('./identity/agents.ts');
      const { token, record } = await createApiToken(database.db, {
        name: values.name ?? '',
        scopes,
        createdBy: null,
      });
      console.error(`token "${record.name}" created with scopes ${scopes.join(',')}; it is shown only once:`);
      console.log(token);
    },
  },
};

/** `--scopes a, b,c` as its scopes. */
function tokenScopes(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

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
    else if (err instanceof UsageError) console.error(`kefu: ${err.message}`);
    else if (err instanceof AppError) console.error(`kefu: ${errorMessage(err.code, 'en', err.params)}`);
    else if (err instanceof Error && err.name === 'TypeError' && 'code' in err)
      console.error(`kefu: ${err.message}`);
    else console.error('kefu: failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
