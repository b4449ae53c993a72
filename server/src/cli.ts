import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { openConfiguredDatabase } from './boot.ts';
import { type Config, ConfigError, loadConfig } from './config/config.ts';
import type { Database } from './db/client.ts';
import { seedDemoDesk } from './demo/seed.ts';
import { createAgent, createApiToken } from './identity/agents.ts';
import { API_SCOPES, type ApiScope } from './identity/principal.ts';
import { AppError, errorMessage } from './platform/errors.ts';
import { createLogger } from './platform/logger.ts';

const HELP = `Usage: npx kefu <command> [options]

Commands:
  migrate                                   apply the database migrations
  create-admin --email E --name N [--password P]
                                            create an admin agent (password prompted or read from stdin
                                            when not given)
  seed-demo                                 seed the demo desk when the database has no agents
  create-token --name N --scopes a,b        create an API token (printed once; scopes: ${API_SCOPES.join(', ')})
  help                                      this text

The database is the one \`npm start\` uses: DATABASE_URL, else embedded PGlite in DATA_DIR.`;

/** An operator's mistake: printed as one line, exit code 1. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
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
  const config = loadConfig();
  // Warnings only: a CLI's output is for the operator, not a log stream.
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const database = await openConfiguredDatabase(config, logger);
  try {
    await run({ config, database, values });
  } finally {
    await database.close();
  }
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
    else if (err instanceof UsageError) console.error(`kefu: ${err.message}`);
    else if (err instanceof AppError) console.error(`kefu: ${errorMessage(err.code, 'en', err.params)}`);
    else if (err instanceof Error && err.name === 'TypeError' && 'code' in err)
      console.error(`kefu: ${err.message}`);
    else console.error('kefu: failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
