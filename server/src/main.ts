import { SignJWT } from 'jose';
import { boot } from './boot.ts';
import type { EmailChannel } from './channels/email/channel.ts';
import type { ChannelRegistry } from './channels/transport.ts';
import { ConfigError, loadConfig } from './config/config.ts';
import type { Db } from './db/client.ts';
import { DEMO_SIGN_IN } from './demo/seed.ts';
import { createLogger } from './platform/logger.ts';
import { setupNeeded } from './setup/setup-desk.ts';

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

  // PORT=0 asks the kernel for a free port: without PUBLIC_URL, say the one it gave.
  const bound = app.server.address();
  const url =
    config.port === 0 && !process.env.PUBLIC_URL && bound && typeof bound === 'object'
      ? `http://localhost:${bound.port}`
      : config.publicUrl.toString().replace(/\/$/, '');
  console.log((await startBanner(config, services.db, url, database.kind, services.channels)).join('\n'));

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

/**
 * What an operator needs after `npm start`: where the workspace is (and, on an empty desk, that it
 * opens the set-up page), how a host app opens the customer pages, and on the demo desk a customer
 * link that works in a browser as it is.
 */
async function startBanner(
  config: ReturnType<typeof loadConfig>,
  db: Db,
  url: string,
  databaseKind: string,
  channels: ChannelRegistry,
): Promise<string[]> {
  const needsSetup = await setupNeeded(db);
  const lines = [
    '',
    `  Kefu 客服 is running on ${url}`,
    needsSetup
      ? `  Set up the desk: ${url}/agent/  (first run: brand, official channels, the first admin)`
      : `  Agent workspace: ${url}/agent/`,
    `  API docs:        ${url}/api/docs`,
  ];
  if (config.seedDemo && !needsSetup) {
    lines.push(`  Demo sign-in:    ${DEMO_SIGN_IN.email} / ${DEMO_SIGN_IN.password}  (admin)`);
  }
  lines.push(
    `  Customer pages:  ${url}/help · ${url}/contact · ${url}/chat · ${url}/tickets`,
    "                   the host app's backend signs an identity JWT ({ uid, exp } with CUSTOMER_JWT_SECRET,",
    '                   HS256, or its private key) and opens a page with ?token=…  (docs/embedding.md)',
  );
  if (config.seedDemo && !needsSetup && config.customerJwt.kind === 'hs256') {
    // A real identity token for a demo customer, as a host app would sign it: valid for an hour.
    const token = await new SignJWT({ uid: '10000002', name: '李娜', language: 'zh-CN', region: 'HK' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(config.customerJwt.secret));
    lines.push(`  Demo customer:   ${url}/contact?token=${token}  (valid 1 hour)`);
  }
  lines.push(
    `  Database:        ${databaseKind === 'pglite' ? `embedded PGlite in ${config.dataDir}/pg` : 'PostgreSQL'}`,
    ...mailLines(config, channels),
    '',
  );
  return lines;
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
