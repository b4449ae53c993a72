import type { EmailConfig } from '../../config/email-config.ts';
import type { ConnectionCheck } from '../adapter.ts';
import { imapClient } from './imap.ts';
import { createTransport } from './outbound.ts';

/** Where a server URL points, without its password (an admin sees who signs in, never the secret). */
export function server(raw: string | null, defaultPorts: [string, number, number]) {
  if (!raw) return null;
  const url = new URL(raw);
  const secure = url.protocol === defaultPorts[0];
  return {
    host: url.hostname,
    port: Number(url.port) || (secure ? defaultPorts[1] : defaultPorts[2]),
    secure,
    user: url.username ? decodeURIComponent(url.username) : null,
    passwordSet: url.password !== '',
    folder: decodeURIComponent(url.pathname.replace(/^\//, '')) || null,
  };
}

/** The configured relay and IMAP mailbox answer now: the platform's (server's) own words otherwise. */
export async function checkRelay(email: EmailConfig): Promise<ConnectionCheck | null> {
  const transport = createTransport(email);
  if (!transport) return null;
  try {
    await transport.verify();
    return { ok: true, detail: 'SMTP relay accepted the connection' };
  } catch (err) {
    return { ok: false, detail: (err as Error).message.slice(0, 300) };
  } finally {
    transport.close();
  }
}

export async function checkImap(email: EmailConfig): Promise<ConnectionCheck | null> {
  if (!email.imapUrl) return null;
  const { client, folder } = imapClient(email.imapUrl, 10_000);
  client.on('error', () => {});
  try {
    await client.connect();
    const status = await client.status(folder, { messages: true, unseen: true });
    if (!status) return { ok: false, detail: `${folder}: the server gave no status` };
    return { ok: true, detail: `${folder}: ${status.messages ?? 0} messages, ${status.unseen ?? 0} unseen` };
  } catch (err) {
    const e = err as Error & { responseText?: string };
    return { ok: false, detail: (e.responseText ?? e.message).slice(0, 300) };
  } finally {
    await client.logout().catch(() => {});
  }
}
