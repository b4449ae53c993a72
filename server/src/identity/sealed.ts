import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets the desk must read back (a mailbox's password, a bot's token) are stored sealed:
 * AES-256-GCM under a key derived from APP_SECRET for one purpose, so a copy of the database alone
 * gives none of them away, and a value sealed for one purpose does not open as another.
 */
const keys = new Map<string, Buffer>();

/** Derived once per secret and purpose: channels open theirs on every delivery. */
function keyOf(appSecret: string, purpose: string): Buffer {
  const id = `${purpose}\u0000${appSecret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', appSecret, 'kefu', purpose, 32));
    keys.set(id, key);
  }
  return key;
}

export function sealText(appSecret: string, purpose: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(appSecret, purpose), iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The sealed text, or null when it cannot be opened (APP_SECRET changed since it was stored). */
export function openSealed(appSecret: string, purpose: string, sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed.replace(/^v1\./, ''), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyOf(appSecret, purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
