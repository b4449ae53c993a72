import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { EmailConfig } from '../../config/email-config.ts';
import type { InboundOutcome } from './inbound.ts';

/**
 * For hosts where an MTA already receives the mail: polls an IMAP folder for unseen mail, hands
 * each to the same inbound path, and marks it seen once handled. Without an SMTP envelope the
 * authenticity checks read the connecting IP and HELO from the newest Received header.
 */
export function startImapPolling(
  email: EmailConfig,
  logger: Logger,
  receive: (raw: Buffer) => Promise<InboundOutcome>,
): { stop(): Promise<void> } {
  const url = new URL(email.imapUrl!);
  const folder = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function pollOnce() {
    const client = new ImapFlow({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'imaps:' ? 993 : 143),
      secure: url.protocol === 'imaps:',
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
    });
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
  }, email.imapPollSeconds * 1000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
