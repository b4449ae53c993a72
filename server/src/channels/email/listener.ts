import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import type { EmailConfig } from '../../config/email-config.ts';
import type { Envelope } from './authenticity.ts';
import type { InboundOutcome } from './inbound.ts';

export interface ListenerDeps {
  email: EmailConfig;
  logger: Logger;
  maxBytes: number;
  isMailbox(address: string): Promise<boolean>;
  receive(raw: Buffer, envelope: Envelope & { rcptTo: string[] }): Promise<InboundOutcome>;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Kefu's own SMTP listener: accepts mail for its support addresses only (no relaying, no AUTH),
 * STARTTLS when a certificate is configured, and answers a sender over its rate with a temporary
 * error, so well-behaved servers retry later and loops slow down.
 */
export async function startListener(deps: ListenerDeps): Promise<{ port: number; close(): Promise<void> }> {
  const { email } = deps;
  const server = new SMTPServer({
    name: email.hostname,
    banner: 'Kefu',
    size: deps.maxBytes,
    authOptional: true,
    disabledCommands: email.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(email.tls ? { key: email.tls.key, cert: email.tls.cert } : {}),
    logger: false,
    onRcptTo(address, _session, callback) {
      deps.isMailbox(address.address).then(
        (ok) => callback(ok ? null : smtpError('No such mailbox here', 550)),
        (err: unknown) => callback(err instanceof Error ? err : smtpError('Try again later', 451)),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(smtpError('Message too big', 552));
          return;
        }
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          remoteAddress: session.remoteAddress.replace(/^::ffff:/, ''),
          helo: session.hostNameAppearsAs,
        };
        deps.receive(Buffer.concat(chunks), envelope).then(
          (outcome) => {
            deps.logger.info({ outcome: outcome.kind, from: envelope.mailFrom }, 'mail received');
            callback(
              outcome.kind === 'rate_limited'
                ? smtpError('Too many messages from you, try later', 450)
                : null,
            );
          },
          (err: unknown) => {
            deps.logger.error({ err }, 'inbound mail failed');
            callback(smtpError('Temporary problem, try again later', 451));
          },
        );
      });
    },
  });
  server.on('error', (err) => deps.logger.error({ err }, 'smtp listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(email.smtpPort ?? 0, email.smtpHost, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  deps.logger.info({ port, host: email.smtpHost, starttls: Boolean(email.tls) }, 'smtp listener ready');
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
