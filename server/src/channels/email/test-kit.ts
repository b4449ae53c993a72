// Test helpers for the email channel: real SMTP servers on loopback, keys and DNS made up per run.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimSign } from 'mailauth';
import { type ParsedMail, simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { SMTPServer } from 'smtp-server';

export interface KeyPair {
  privateKey: string;
  /** The p= value of the DKIM DNS record. */
  publicKeyBase64: string;
}

export function rsaKeys(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKeyBase64: (publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64'),
  };
}

/** Writes DNS answers in the EMAIL_DNS_OVERRIDES_FILE format and returns the file's path. */
export async function dnsFile(records: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kefu-dns-'));
  const json = Object.fromEntries(Object.entries(records).map(([k, v]) => [k, [[v]]]));
  const path = join(dir, 'dns.json');
  await writeFile(path, JSON.stringify(json));
  return path;
}

export interface Received {
  raw: Buffer;
  mail: ParsedMail;
  mailFrom: string;
  rcptTo: string[];
}

/**
 * A second SMTP server playing the recipients' MX: Kefu's relay points at it and the test reads
 * what arrived. `onMail` lets a test answer like an auto-responder.
 */
export async function startMx(onMail?: (m: Received) => void) {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((mail) => {
          const m = {
            raw,
            mail,
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
          };
          inbox.push(m);
          onMail?.(m);
          callback(null);
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    inbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Builds a raw mail as a mail client would, optionally DKIM-signed by `signer`. */
export async function buildMail(
  options: Mail.Options,
  signer?: { domain: string; selector: string; privateKey: string },
): Promise<string> {
  const raw = (await new MailComposer(options).compile().build()).toString('utf8');
  if (!signer) return raw;
  const key = { signingDomain: signer.domain, selector: signer.selector, privateKey: signer.privateKey };
  // A few seconds back: mailauth rejects a signature time even a fraction of a second ahead.
  const signTime = new Date(Date.now() - 5000);
  const signed = await dkimSign(raw, { ...key, signTime, signatureData: [key] } as Parameters<
    typeof dkimSign
  >[1]);
  return signed.signatures + raw;
}

/** Sends a raw mail to Kefu's listener over SMTP from 127.0.0.1. */
export async function sendRaw(port: number, raw: string | Buffer, envelope: { from: string; to: string[] }) {
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    name: 'mail.customer.example',
  });
  try {
    return await client.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
  } finally {
    client.close();
  }
}

/** The settings of a test desk with the support mailbox, its SMTP listener and a relay at `relayPort`. */
export function mailDeskEnv(relayPort: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    EMAIL_MAILBOXES: 'support@lumen-exchange.example=general',
    SMTP_PORT: '0',
    SMTP_HOST: '127.0.0.1',
    EMAIL_HOSTNAME: 'mx.lumen-exchange.example',
    EMAIL_RELAY_URL: `smtp://127.0.0.1:${relayPort}`,
    ...extra,
  };
}
