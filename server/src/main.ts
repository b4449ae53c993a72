import { boot } from './boot.ts';
import type { EmailChannel } from './channels/email/channel.ts';
import type { ChannelRegistry } from './channels/transport.ts';
import { ConfigError, loadConfig } from './config/config.ts';
import { DEMO_SIGN_IN } from './demo/seed.ts';
import { createLogger } from './platform/logger.ts';

/** `npm start`: read the settings, open the database, listen, and shut down gracefully. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`kefu: configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const { app, database, services } = await boot(config, logger);
  await app.listen({ port: config.port, host: config.host });

  const url = config.publicUrl.toString().replace(/\/$/, '');
  if (config.seedDemo) {
    console.log(
      [
        '',
        `  Kefu 客服 is running on ${url}`,
        `  API docs:        ${url}/api/docs`,
        `  Demo sign-in:    ${DEMO_SIGN_IN.email} / ${DEMO_SIGN_IN.password}  (admin)`,
        `  Database:        ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}/pg` : 'PostgreSQL'}`,
        ...mailLines(config, services.channels),
        '',
      ].join('\n'),
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests');
    const force = setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** The mail channel's line of the start banner, when it is configured. */
function mailLines(config: ReturnType<typeof loadConfig>, channels: ChannelRegistry): string[] {
  if (!config.email) return [];
  const port = (channels.get('email') as unknown as EmailChannel | undefined)?.smtpPort();
  const where = port
    ? `SMTP on ${config.email.smtpHost}:${port}`
    : config.email.imapUrl
      ? 'IMAP polling'
      : 'no inbound';
  return [`  Mail:            ${config.email.mailboxes.map((m) => m.address).join(', ')} (${where})`];
}

main().catch((err) => {
  console.error('kefu: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
