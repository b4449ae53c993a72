import { and, count, eq, gt } from 'drizzle-orm';
import type { DNSResolver } from 'mailauth';
import type { EmailConfig } from '../../config/email-config.ts';
import type { Executor } from '../../db/client.ts';
import { defineJob, MAIL_JOB_EXPIRE_SECONDS } from '../../platform/jobs.ts';
import type { Services } from '../../platform/services.ts';
import type { ChannelAdapter, ChannelRegistry, InboundMessage } from '../transport.ts';
import { type Envelope, staticResolver } from './authenticity.ts';
import { startImapPolling } from './imap.ts';
import { type InboundContext, type InboundOutcome, type MailClaimer, receiveMail } from './inbound.ts';
import { startListener } from './listener.ts';
import { classifyAutomation } from './loops.ts';
import { isMailbox, syncMailboxes } from './mailboxes.ts';
import {
  agentNoticeMail,
  customerNoticeMail,
  mailAgentNotice,
  mailCustomerNotices,
  sweepOwedMail,
} from './notify.ts';
import { createTransport, type OutboundContext, sendTicketMail } from './outbound.ts';
import { parseMail } from './parse.ts';
import { emailMessages } from './schema.ts';
import { currentEmail } from './server-settings.ts';

/** Acknowledgements and other notices by mail (agent replies travel as `channel.reply`). */
export const emailNotice = defineJob<{ kind: 'ack' | 'notification'; ticketId: string }>({
  name: 'email.notice',
  retryLimit: 8,
  retryDelaySeconds: 8,
  // A send is bounded by the transport's timeouts (outbound.ts): lost after 30 s, retried within a minute.
  expireInSeconds: MAIL_JOB_EXPIRE_SECONDS,
});

export type MailDelivery = { raw: Buffer; envelope?: Envelope & { rcptTo: string[] } };

export interface EmailChannel extends ChannelAdapter<MailDelivery> {
  /** The whole inbound path for one mail (what the listener and the IMAP poller call). */
  receive(raw: Buffer, envelope?: Envelope & { rcptTo: string[] }): Promise<InboundOutcome>;
  sendNotice(
    notice: { kind: 'ack' | 'notification'; ticketId: string },
    attempt: { finalAttempt: boolean },
  ): Promise<void>;
  /** Notification mails owed to customers and agents (the jobs' handlers). */
  outbound: OutboundContext;
  /** Lets a capability above the channel take mail before it threads into tickets (inbound.ts). */
  addClaimer(claimer: MailClaimer): void;
  /** The listener's port once started (SMTP_PORT=0 picks a free one); null without a listener. */
  smtpPort(): number | null;
}

/** Without an SMTP session (IMAP) the envelope sender is the Return-Path the MTA recorded. */
function envelopeFromHeaders(raw: Buffer): Envelope & { rcptTo: string[] } {
  const head =
    raw
      .subarray(0, 64 * 1024)
      .toString('latin1')
      .split(/\r?\n\r?\n/)[0] ?? '';
  const returnPath = /^Return-Path:\s*<?([^>\s]*)>?/im.exec(head);
  const deliveredTo = [...head.matchAll(/^(?:Delivered-To|X-Original-To):\s*<?([^>\s]+)>?/gim)].map(
    (m) => m[1]!,
  );
  return {
    mailFrom: returnPath ? returnPath[1]! : 'unknown@invalid',
    remoteAddress: '',
    helo: '',
    rcptTo: deliveredTo,
  };
}

export function createEmailChannel(
  services: Services,
  email: EmailConfig,
  resolver?: DNSResolver,
): EmailChannel {
  const outbound: OutboundContext = { services, email, transport: createTransport(email) };
  const current = () => currentEmail(services.db, email, services.config.appSecret);
  let transportKey = JSON.stringify([email.relayUrl, email.dkim]);
  outbound.refresh = async () => {
    const now = await current();
    const key = JSON.stringify([now.relayUrl, now.dkim]);
    outbound.email = now;
    if (key === transportKey) return;
    // Not pooled: each send opens its own connection, so closing the old one cuts no send short.
    const old = outbound.transport;
    outbound.transport = createTransport(now);
    transportKey = key;
    old?.close();
  };
  const claimers: MailClaimer[] = [];
  const inbound: InboundContext = {
    claimers,
    services,
    email,
    resolver: resolver ?? (email.dnsOverrides ? staticResolver(email.dnsOverrides) : undefined),
    acknowledge: async (tx, ticketId, address) => {
      if (await queueAck(tx, email, ticketId, address))
        await services.jobs.send(emailNotice, { kind: 'ack', ticketId }, tx);
    },
  };
  let listener: { port: number; close(): Promise<void> } | null = null;
  let poller: { stop(): Promise<void> } | null = null;
  let sweep: ReturnType<typeof setInterval> | null = null;
  const recentlyQueued = new Map<string, number>();
  const receive = (raw: Buffer, envelope?: Envelope & { rcptTo: string[] }) =>
    receiveMail(inbound, raw, envelope ?? envelopeFromHeaders(raw));

  return {
    channel: 'email',
    capabilities: {
      maxBodyChars: null,
      attachments: true,
      maxAttachmentBytes: services.config.maxUploadBytes,
      richText: true,
      threading: true,
    },
    async parseInbound({ raw, envelope }): Promise<InboundMessage[]> {
      const mail = await parseMail(raw);
      const env = envelope ?? envelopeFromHeaders(raw);
      const automation = classifyAutomation({
        ...mail,
        mailFrom: env.mailFrom,
        ownAddresses: new Set(email.mailboxes.map((m) => m.address)),
      });
      return [
        {
          externalId: mail.messageId,
          senderAddress: mail.fromAddress,
          senderName: mail.fromName,
          // Proof needs the SMTP session and DNS: receive() checks it; parsing alone proves nothing.
          senderVerified: false,
          subject: mail.subject,
          body: mail.text,
          automated: automation ? automation.reason : null,
        },
      ];
    },
    sendReply: (reply, attempt) => sendTicketMail(outbound, { kind: 'reply', ...reply }, attempt),
    sendNotice: (notice, attempt) => sendTicketMail(outbound, { ...notice, messageId: null }, attempt),
    receive,
    outbound,
    addClaimer: (claimer) => {
      claimers.push(claimer);
    },
    smtpPort: () => listener?.port ?? null,
    async start() {
      await syncMailboxes(services.db, email);
      if (email.smtpPort !== null) {
        listener = await startListener({
          email,
          logger: services.logger,
          maxBytes: services.config.maxUploadBytes * 2,
          isMailbox: (address) => isMailbox(services.db, email, address),
          receive,
        });
      }
      // Always polling: an IMAP mailbox set later in the console is read without a restart.
      poller = startImapPolling(
        async () => (await current()).imapUrl,
        email.imapPollSeconds,
        services.logger,
        (raw) => receive(raw),
      );
      let sweeping = false;
      sweep = setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        sweepOwedMail(outbound, recentlyQueued)
          .catch((err) => services.logger.error({ err }, 'notification mail sweep failed'))
          .finally(() => {
            sweeping = false;
          });
      }, email.notifyPollSeconds * 1000);
    },
    async stop() {
      if (sweep) clearInterval(sweep);
      await poller?.stop();
      await listener?.close();
      outbound.transport?.close();
    },
  };
}

/**
 * At most EMAIL_ACKS_PER_DAY acknowledgements per address: an auto-responder that answers every
 * mail (even without Auto-Submitted) cannot keep Kefu writing. The row is made when queued, so
 * a burst of mail counts at once.
 */
async function queueAck(
  tx: Executor,
  email: EmailConfig,
  ticketId: string,
  address: string,
): Promise<boolean> {
  const since = new Date(Date.now() - 24 * 3600_000);
  const [row] = await tx
    .select({ n: count() })
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.direction, 'outbound'),
        eq(emailMessages.kind, 'ack'),
        eq(emailMessages.toAddress, address),
        gt(emailMessages.createdAt, since),
      ),
    );
  if ((row?.n ?? 0) >= email.acksPerDay) return false;
  await tx.insert(emailMessages).values({
    direction: 'outbound',
    ticketId,
    messageId: null,
    fromAddress: email.mailboxes[0]!.address,
    toAddress: address,
    kind: 'ack',
    status: 'queued',
  });
  return true;
}

/** Registers the email channel when its settings exist (EMAIL_MAILBOXES). */
export function registerEmailChannel(
  services: Services,
  registry: ChannelRegistry,
  resolver?: DNSResolver,
): EmailChannel | null {
  const email = services.config.email;
  if (!email) return null;
  const channel = createEmailChannel(services, email, resolver);
  services.jobs.handle(emailNotice, (data, { retryCount }) =>
    channel.sendNotice(data, { finalAttempt: retryCount >= emailNotice.retryLimit }),
  );
  services.jobs.handle(customerNoticeMail, (job, { retryCount }) =>
    mailCustomerNotices(channel.outbound, job, {
      finalAttempt: retryCount >= customerNoticeMail.retryLimit,
    }),
  );
  services.jobs.handle(agentNoticeMail, ({ notificationId }, { retryCount }) =>
    mailAgentNotice(channel.outbound, notificationId, {
      finalAttempt: retryCount >= agentNoticeMail.retryLimit,
    }),
  );
  registry.register(channel as ChannelAdapter<never>);
  return channel;
}
