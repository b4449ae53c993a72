import { eq } from 'drizzle-orm';
import type { EmailConfig } from '../../config/email-config.ts';
import type { Db, Executor } from '../../db/client.ts';
import { settings } from '../../desk/schema.ts';
import { openSealed, sealText } from '../../identity/sealed.ts';
import { cached, forget } from '../../platform/node-cache.ts';

/**
 * The relay, the IMAP mailbox and the DKIM key as an admin set them in the console (the
 * `email_servers` setting). A part set here wins over its environment variable; a part not set
 * here falls back on the environment, so a deployment configured by env keeps working unchanged.
 * Passwords and the DKIM key are sealed (AES-256-GCM, key derived from APP_SECRET): a copy of the
 * database alone does not give away the mailbox's password.
 */
export interface ServerSetting {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  /** Sealed; null: no password (or no sign-in). */
  password: string | null;
}
export interface ImapSetting extends ServerSetting {
  folder: string;
}
export interface DkimSetting {
  domain: string;
  selector: string;
  /** Sealed PEM. */
  privateKey: string;
}
export interface StoredServers {
  relay?: ServerSetting;
  imap?: ImapSetting;
  dkim?: DkimSetting;
}

const KEY = 'email_servers';
/** The node-cache topic: a change forgets it here and, over Redis, on every other node. */
const TOPIC = 'email-servers';
/** The safety net when a forget is lost (Redis restarting); a change normally spreads at once. */
const TTL_MS = 5 * 60_000;

const PURPOSE = 'email server secrets';

export function seal(appSecret: string, text: string): string {
  return sealText(appSecret, PURPOSE, text);
}

/** The sealed text, or null when it cannot be opened (APP_SECRET changed since it was stored). */
export function unseal(appSecret: string, sealed: string): string | null {
  return openSealed(appSecret, PURPOSE, sealed);
}

export async function readStoredServers(db: Executor): Promise<StoredServers> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  return (row?.value ?? {}) as StoredServers;
}

export async function saveStoredServers(db: Db, value: StoredServers): Promise<void> {
  await db
    .insert(settings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  forget(db, TOPIC);
}

/** smtp(s)://user:pass@host:port or imap(s)://user:pass@host:port/folder, as the env variables read. */
export function serverUrl(
  scheme: 'smtp' | 'imap',
  s: Omit<ServerSetting, 'password'> & { folder?: string },
  password: string | null,
): string {
  const url = new URL(`${scheme}${s.secure ? 's' : ''}://placeholder`);
  url.hostname = s.host;
  url.port = String(s.port);
  if (s.user) {
    url.username = encodeURIComponent(s.user);
    if (password) url.password = encodeURIComponent(password);
  }
  if (s.folder) url.pathname = `/${encodeURIComponent(s.folder)}`;
  return url.toString();
}

/** The environment's settings with what the console stored laid over them. */
export function applyStored(base: EmailConfig, stored: StoredServers, appSecret: string): EmailConfig {
  const open = (sealed: string | null) => (sealed ? unseal(appSecret, sealed) : null);
  const dkimKey = stored.dkim ? open(stored.dkim.privateKey) : null;
  return {
    ...base,
    relayUrl: stored.relay ? serverUrl('smtp', stored.relay, open(stored.relay.password)) : base.relayUrl,
    imapUrl: stored.imap ? serverUrl('imap', stored.imap, open(stored.imap.password)) : base.imapUrl,
    dkim:
      stored.dkim && dkimKey
        ? { domainName: stored.dkim.domain, keySelector: stored.dkim.selector, privateKey: dkimKey }
        : base.dkim,
  };
}

/** What the channel uses now: read once per node until an admin changes it (or the TTL ends). */
export function currentEmail(db: Db, base: EmailConfig, appSecret: string): Promise<EmailConfig> {
  return cached(db, TOPIC, '', TTL_MS, async () => applyStored(base, await readStoredServers(db), appSecret));
}
