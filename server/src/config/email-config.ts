import { readFileSync } from 'node:fs';
import { ConfigError, type Env, intSetting, urlSetting } from './config.ts';

/** One support address and where its mail goes (a category code; the category routes the team). */
export interface MailboxSetting {
  address: string;
  categoryCode: string | null;
}

/** The email channel's settings. See docs in the email branch report and config below. */
export interface EmailConfig {
  /** Support addresses (官方邮箱). Also stored in the email_mailboxes table with category and team. */
  mailboxes: MailboxSetting[];
  /** Inbound SMTP listener; null: no listener (IMAP polling or nothing). 0 picks a free port. */
  smtpPort: number | null;
  smtpHost: string;
  /** The name the listener and the authenticity checks announce (also the Message-ID domain). */
  hostname: string;
  /** STARTTLS on the listener when both are set. */
  tls: { key: string; cert: string } | null;
  /** Outbound relay, e.g. smtp://user:pass@relay:587; null: replies cannot be sent (and say so). */
  relayUrl: string | null;
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
  /** IMAP mailbox to poll instead of (or besides) the listener, e.g. imaps://user:pass@host/INBOX. */
  imapUrl: string | null;
  imapPollSeconds: number;
  /** Subject tag → category code: 【账户安全】 or [Account security] picks "security". */
  subjectTags: Record<string, string>;
  /** Inbound mails one sender may send per hour; more are refused with a temporary error. */
  perSenderPerHour: number;
  /** Acknowledgements one address may get per day: an auto-responder cannot make Kefu loop. */
  acksPerDay: number;
  /** A customer's notification mail waits until the ticket has been quiet this long (a burst is one mail). */
  notifyDelaySeconds: number;
  /** How often owed notification mails (customers' and agents') are looked for. */
  notifyPollSeconds: number;
  /** Static DNS answers (JSON file) for SPF/DKIM/DMARC checks in air-gapped setups and tests. */
  dnsOverrides: Record<string, string[][]> | null;
}

const DEFAULT_TAGS: Record<string, string> = {
  账户安全: 'security',
  安全: 'security',
  'account security': 'security',
  security: 'security',
  账户: 'account',
  account: 'account',
  充提: 'deposit_withdrawal',
  充值: 'deposit_withdrawal',
  提现: 'deposit_withdrawal',
  deposit: 'deposit_withdrawal',
  withdrawal: 'deposit_withdrawal',
  交易: 'trading',
  trading: 'trading',
};

const ADDRESS = /^[^\s@<>()",;]+@[a-z0-9.-]+\.[a-z]{2,}$/i;

function readFileSetting(env: Env, name: string): string | null {
  const file = env[name];
  if (!file) return null;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`${name} cannot be read: ${file}`);
  }
}

/** EMAIL_MAILBOXES="support@x.example=general,security@x.example=security" (category optional). */
function parseMailboxes(raw: string): MailboxSetting[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [address = '', categoryCode] = entry.split('=').map((s) => s.trim());
      if (!ADDRESS.test(address)) {
        throw new ConfigError(`EMAIL_MAILBOXES: "${address}" is not an email address`);
      }
      return { address: address.toLowerCase(), categoryCode: categoryCode || null };
    });
}

/** EMAIL_SUBJECT_TAGS="账户安全=security;Account security=security" replaces the default map. */
function parseTags(raw: string | undefined): Record<string, string> {
  if (!raw) return DEFAULT_TAGS;
  const map: Record<string, string> = {};
  for (const pair of raw.split(';').filter((s) => s.trim())) {
    const [tag, code] = pair.split('=').map((s) => s.trim());
    if (!tag || !code) throw new ConfigError(`EMAIL_SUBJECT_TAGS: "${pair}" must be tag=categoryCode`);
    map[tag.toLowerCase()] = code;
  }
  return map;
}

function parseDnsOverrides(env: Env): Record<string, string[][]> | null {
  const text = readFileSetting(env, 'EMAIL_DNS_OVERRIDES_FILE');
  if (text === null) return null;
  try {
    return JSON.parse(text) as Record<string, string[][]>;
  } catch {
    throw new ConfigError('EMAIL_DNS_OVERRIDES_FILE must hold JSON: { "name TYPE": [["answer"]] }');
  }
}

export function emailConfig(env: Env, publicUrl: URL): EmailConfig | null {
  const mailboxes = parseMailboxes(env.EMAIL_MAILBOXES ?? '');
  const smtpPortSet = env.SMTP_PORT !== undefined && env.SMTP_PORT !== '';
  if (mailboxes.length === 0) {
    if (smtpPortSet || env.IMAP_URL || env.EMAIL_RELAY_URL) {
      throw new ConfigError('the email channel needs EMAIL_MAILBOXES (the support addresses it serves)');
    }
    return null;
  }
  const relay = urlSetting(env, 'EMAIL_RELAY_URL', ['smtp:', 'smtps:']);
  const imap = urlSetting(env, 'IMAP_URL', ['imap:', 'imaps:']);
  const key = readFileSetting(env, 'SMTP_TLS_KEY_FILE');
  const cert = readFileSetting(env, 'SMTP_TLS_CERT_FILE');
  if ((key === null) !== (cert === null)) {
    throw new ConfigError('STARTTLS needs both SMTP_TLS_KEY_FILE and SMTP_TLS_CERT_FILE');
  }
  const dkimKey = readFileSetting(env, 'EMAIL_DKIM_KEY_FILE');
  if (dkimKey !== null && !dkimKey.includes('PRIVATE KEY')) {
    throw new ConfigError('EMAIL_DKIM_KEY_FILE must hold a PEM private key');
  }
  const dkimDomain = env.EMAIL_DKIM_DOMAIN || mailboxes[0]!.address.split('@')[1]!;
  return {
    mailboxes,
    smtpPort: smtpPortSet ? intSetting(env, 'SMTP_PORT', 0, 0, 65535) : null,
    smtpHost: env.SMTP_HOST || '0.0.0.0',
    hostname: env.EMAIL_HOSTNAME || publicUrl.hostname,
    tls: key !== null && cert !== null ? { key, cert } : null,
    relayUrl: relay ? relay.toString() : null,
    dkim: dkimKey
      ? { domainName: dkimDomain, keySelector: env.EMAIL_DKIM_SELECTOR || 'kefu', privateKey: dkimKey }
      : null,
    imapUrl: imap ? imap.toString() : null,
    imapPollSeconds: intSetting(env, 'IMAP_POLL_SECONDS', 60, 1, 86400),
    subjectTags: parseTags(env.EMAIL_SUBJECT_TAGS),
    perSenderPerHour: intSetting(env, 'EMAIL_PER_SENDER_PER_HOUR', 20, 1, 100000),
    acksPerDay: intSetting(env, 'EMAIL_ACKS_PER_DAY', 3, 0, 1000),
    notifyDelaySeconds: intSetting(env, 'EMAIL_NOTIFY_DELAY_SECONDS', 120, 0, 86400),
    notifyPollSeconds: intSetting(env, 'EMAIL_NOTIFY_POLL_SECONDS', 5, 1, 3600),
    dnsOverrides: parseDnsOverrides(env),
  };
}
