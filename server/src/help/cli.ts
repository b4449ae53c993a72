import { openConfiguredDatabase } from '../boot.ts';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../platform/logger.ts';
import { exportHelpCenter, importHelpCenter, progressBar } from './cli-commands.ts';

/** `node server/src/help/cli.ts import|export <dir>` on the configured database (DATA_DIR / DATABASE_URL). */
const [command, dir] = process.argv.slice(2);
if ((command !== 'import' && command !== 'export') || !dir) {
  console.error('usage: node server/src/help/cli.ts import|export <folder>');
  process.exit(2);
}
const config = loadConfig();
const database = await openConfiguredDatabase(config, createLogger('warn'));
try {
  const result =
    command === 'import'
      ? await importHelpCenter(database.db, dir, progressBar())
      : await exportHelpCenter(database.db, dir);
  console.log(
    `${command}: ${result.sections} sections, ${result.categories} categories, ${result.articles} articles`,
  );
} finally {
  await database.close();
}
