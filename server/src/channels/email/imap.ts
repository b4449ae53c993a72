import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { InboundOutcome } from './inbound.ts';

/** A client for an imap(s)://user:pass@host:port/folder URL (the poller's and the console test's). */
export function imapClient(raw: string, connectionTimeout?: number): { client: ImapFlow; folder: string } {
  const url = new URL(raw);
  const client = new ImapFlow({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'imaps:' ? 993 : 143),
    secure: url.protocol === 'imaps:',
    auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    logger: false,
    ...(connectionTimeout ? { connectionTimeout } : {}),
  });
  return { client, folder: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX' };
}

/**
 * For hosts where an MTA already receives the mail: polls an IMAP folder for unseen mail, hands
 * each to the same inbound path, and marks it seen once handled. Without an SMTP envelope the
 * authenticity checks read the connecting IP and HELO from the newest Received header.
 *
 * The mailbox is looked up on every poll (`currentUrl`), not once: an admin who sets, changes or
 * removes it in the console is followed from the next poll on, without a restart.
 */
export function startImapPolling(
  currentUrl: () => Promise<string | null>,
  pollSeconds: number,
  logger: Logger,
  receive: (raw: Buffer) => Promise<InboundOutcome>,
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function pollOnce() {
    const raw = await currentUrl();
    if (!raw || stopped) return;
    const { client, folder } = imapClient(raw);
    await client.connect();
    const lock = await client.getMailboxLock(folder);
    try {
      const unseen = await client.fetchAll({ seen: false }, { uid: true, source: true }, { uid: true });
      for (const message of unseen) {
        if (stopped || !message.source) break;
        const outcome = await receive(message.source);
        // Rate-limited mail stays unseen and is read again on a later poll.
        if (outcome.kind !== 'rate_limited')
          await client.messageFlagsAdd(String(message.uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
      await client.logout().catch(() => undefined);
    }
  }

  const timer = setInterval(() => {
    running = running.then(pollOnce).catch((err: unknown) => logger.error({ err }, 'imap poll failed'));
  }, pollSeconds * 1000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
