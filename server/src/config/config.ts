import { createPublicKey, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { redisPrefixFor } from '../platform/redis.ts';
import { type EmailConfig, emailConfig } from './email-config.ts';
import { trustedProxiesSetting } from './trusted-proxies.ts';

/** Every setting Kefu reads from the environment, after parsing. See docs/configuration.md. */
export interface Config {
  port: number;
  host: string;
  publicUrl: URL;
  dataDir: string;
  /** A real PostgreSQL server; when absent Kefu runs embedded PGlite in `dataDir/pg`. */
  databaseUrl: string | null;
  /** Connections this node keeps to PostgreSQL (not PGlite). */
  databasePoolSize: number;
  redisUrl: string | null;
  /** Prefix of this desk's Redis keys and pub/sub channels (REDIS_PREFIX, else `kefu:{db}:`). */
  redisPrefix: string;
  /** Signs sessions' CSRF tokens, Message-IDs and one-time links. */
  appSecret: string;
  /** How the host app signs its users' identity tokens. */
  customerJwt: CustomerJwtConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number;
  /** A request body that sends nothing for this long is cut off (BODY_IDLE_SECONDS). */
  bodyIdleSeconds: number;
  /** Seed the demo desk on first start when the database is empty. */
  seedDemo: boolean;
  /** Job queue polling interval; lower in tests for quick pickup. */
  jobPollSeconds: number;
  /** Web origins of the host app allowed to frame the customer pages (EMBED_ORIGINS). */
  embedOrigins: string[];
  /** How fast one customer may write (文明沟通): messages per 10 seconds and per 10 minutes. */
  customerPace: { per10Seconds: number; per10Minutes: number; sameTextPer10Minutes: number };
  /** A side conversation's partner in a messaging group, per chat (channels/throttle.ts). */
  partnerPace: { per10Seconds: number; per10Minutes: number };
  /**
   * An agent nobody has heard from (no socket on any node, no HTTP request) this long gets no new
   * chats and does not count as on shift for the wait estimate.
   */
  chatAgentGraceSeconds: number;
  /** Load shedding of live chat (docs/chat-protocol.md, "Overload"). */
  chatOverload: ChatOverloadConfig;
  /** The email channel; null when no support mailbox is configured (EMAIL_MAILBOXES). */
  email: EmailConfig | null;
  /** Reverse proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES); none by default. */
  trustedProxies: string[];
  /** New anonymous visitor sessions one network address may open per 10 minutes. */
  visitorSessionsPer10Minutes: number;
  /** When set, /metrics answers only `Authorization: Bearer <token>` (METRICS_TOKEN). */
  metricsToken: string | null;
}

export interface ChatOverloadConfig {
  /**
   * How long an absent agent keeps the chats they hold (and keeps the team from turning its queue
   * into leave-a-message) before they go back to the queue: a flapping socket must not requeue.
   */
  requeueAfterSeconds: number;
  /** At most this many held chats are requeued per sweep (about every 2 s), oldest first. */
  requeuePerSweep: number;
  /** A team's queue this long admits no new customer: they are told the wait instead. */
  queueLimit: number;
  /** Sockets on this node beyond this are refused (close 1013, "try again later"). */
  maxSockets: number;
  /** A mean event-loop lag above this (ms) for 2 s makes the node admit no new handoffs. */
  maxLagMs: number;
}

export type CustomerJwtConfig =
  | { kind: 'hs256'; secret: string; issuer: string | null; audience: string | null }
  | {
      kind: 'public-key';
      publicKeyPem: string;
      /** Follows from the key: RS256 for RSA, EdDSA for Ed25519, ES256 for P-256. */
      algorithm: 'RS256' | 'EdDSA' | 'ES256';
      issuer: string | null;
      audience: string | null;
    };

/** A setting is missing or malformed: start-up stops with this one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

export function intSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function urlSetting(env: Env, name: string, protocols: string[]): URL | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${redactUrl(raw)}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return url;
}

/** Never print a password that sits inside a connection string. */
export function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

/**
 * A secret that was not configured is generated once and kept in the data directory, so a
 * newcomer's `npm start` works and restarts keep sessions valid. Production sets it explicitly.
 */
function persistentSecret(dataDir: string, file: string): string {
  const path = join(dataDir, file);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env): Config {
  const port = intSetting(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const publicUrl = urlSetting(env, 'PUBLIC_URL', ['http:', 'https:']) ?? new URL(`http://localhost:${port}`);
  const dataDir = resolve(env.DATA_DIR || './data');
  const databaseUrl = urlSetting(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = urlSetting(env, 'REDIS_URL', ['redis:', 'rediss:']);

  const appSecret = env.APP_SECRET || persistentSecret(dataDir, 'app-secret');
  if (appSecret.length < 32) throw new ConfigError('APP_SECRET must be at least 32 characters long');

  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }

  const seedDemo = (env.SEED_DEMO ?? 'true').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(seedDemo))
    throw new ConfigError('SEED_DEMO must be true or false');

  return {
    port,
    host,
    publicUrl,
    dataDir,
    databaseUrl: databaseUrl ? databaseUrl.toString() : null,
    databasePoolSize: intSetting(env, 'DATABASE_POOL_SIZE', 20, 1, 500),
    redisUrl: redisUrl ? redisUrl.toString() : null,
    redisPrefix: redisPrefixSetting(env.REDIS_PREFIX, redisUrl),
    appSecret,
    customerJwt: customerJwtConfig(env, dataDir),
    logLevel,
    maxUploadBytes: intSetting(env, 'MAX_UPLOAD_MB', 20, 1, 1024) * 1024 * 1024,
    bodyIdleSeconds: intSetting(env, 'BODY_IDLE_SECONDS', 30, 1, 600),
    seedDemo: seedDemo === 'true' || seedDemo === '1',
    embedOrigins: embedOriginsSetting(env.EMBED_ORIGINS),
    customerPace: {
      per10Seconds: intSetting(env, 'CUSTOMER_MESSAGES_PER_10S', 6, 1, 10_000),
      per10Minutes: intSetting(env, 'CUSTOMER_MESSAGES_PER_10MIN', 40, 1, 100_000),
      sameTextPer10Minutes: intSetting(env, 'CUSTOMER_REPEATS_PER_10MIN', 2, 1, 10_000),
    },
    partnerPace: {
      per10Seconds: intSetting(env, 'PARTNER_MESSAGES_PER_10S', 30, 1, 10_000),
      per10Minutes: intSetting(env, 'PARTNER_MESSAGES_PER_10MIN', 300, 1, 100_000),
    },
    chatAgentGraceSeconds: intSetting(env, 'CHAT_AGENT_GRACE_SECONDS', 60, 1, 3600),
    chatOverload: chatOverloadSetting(env, intSetting(env, 'CHAT_AGENT_GRACE_SECONDS', 60, 1, 3600)),
    email: emailConfig(env, publicUrl),
    jobPollSeconds: pollSetting(env.JOB_POLL_SECONDS),
    metricsToken: metricsTokenSetting(env.METRICS_TOKEN),
    trustedProxies: trustedProxiesSetting(env.TRUSTED_PROXIES),
    visitorSessionsPer10Minutes: intSetting(env, 'VISITOR_SESSIONS_PER_10MIN', 20, 1, 100_000),
  };
}

/** Letters, digits and `:_.-` only: it is pasted into key and channel names. */
function redisPrefixSetting(raw: string | undefined, url: URL | null): string {
  if (raw !== undefined && raw !== '' && !/^[\w:.-]{1,64}$/.test(raw)) {
    throw new ConfigError('REDIS_PREFIX may hold letters, digits and : _ . - (at most 64 characters)');
  }
  return url ? redisPrefixFor(url.toString(), raw || undefined) : raw || 'kefu:0:';
}

function chatOverloadSetting(env: Env, graceSeconds: number): ChatOverloadConfig {
  const requeueAfterSeconds = intSetting(env, 'CHAT_AGENT_REQUEUE_SECONDS', graceSeconds * 3, 1, 3 * 3600);
  if (requeueAfterSeconds < graceSeconds)
    throw new ConfigError('CHAT_AGENT_REQUEUE_SECONDS must not be shorter than CHAT_AGENT_GRACE_SECONDS');
  return {
    requeueAfterSeconds,
    requeuePerSweep: intSetting(env, 'CHAT_REQUEUE_PER_SWEEP', 20, 1, 10_000),
    queueLimit: intSetting(env, 'CHAT_QUEUE_LIMIT', 200, 1, 1_000_000),
    maxSockets: intSetting(env, 'CHAT_MAX_SOCKETS', 20_000, 1, 1_000_000),
    maxLagMs: intSetting(env, 'CHAT_ADMIT_MAX_LAG_MS', 250, 10, 600_000),
  };
}

/** Long enough that guessing it is hopeless; Prometheus sends it as a bearer credential. */
function metricsTokenSetting(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (raw.length < 24 || /\s/.test(raw)) {
    throw new ConfigError('METRICS_TOKEN must be at least 24 characters without spaces');
  }
  return raw;
}

function customerJwtConfig(env: Env, dataDir: string): CustomerJwtConfig {
  const issuer = env.CUSTOMER_JWT_ISSUER || null;
  const audience = env.CUSTOMER_JWT_AUDIENCE || null;
  const pemFile = env.CUSTOMER_JWT_PUBLIC_KEY_FILE;
  if (pemFile) {
    let publicKeyPem: string;
    try {
      publicKeyPem = readFileSync(pemFile, 'utf8');
    } catch {
      throw new ConfigError(`CUSTOMER_JWT_PUBLIC_KEY_FILE cannot be read: ${pemFile}`);
    }
    if (!publicKeyPem.includes('BEGIN PUBLIC KEY')) {
      throw new ConfigError('CUSTOMER_JWT_PUBLIC_KEY_FILE must hold a PEM public key (BEGIN PUBLIC KEY)');
    }
    return { kind: 'public-key', publicKeyPem, algorithm: algorithmOfKey(publicKeyPem), issuer, audience };
  }
  const secret = env.CUSTOMER_JWT_SECRET || persistentSecret(dataDir, 'customer-jwt-secret');
  if (secret.length < 32) throw new ConfigError('CUSTOMER_JWT_SECRET must be at least 32 characters long');
  return { kind: 'hs256', secret, issuer, audience };
}

/** A positive number of seconds (fractions allowed): "soon" once became NaN and reached pg-boss. */
function pollSetting(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value <= 0 || value > 60) {
    throw new ConfigError(`JOB_POLL_SECONDS must be a number of seconds between 0 and 60, got "${raw}"`);
  }
  return value;
}

function algorithmOfKey(pem: string): 'RS256' | 'EdDSA' | 'ES256' {
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new ConfigError('CUSTOMER_JWT_PUBLIC_KEY_FILE does not hold a readable PEM public key');
  }
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new ConfigError('CUSTOMER_JWT_PUBLIC_KEY_FILE must hold an RSA, Ed25519 or P-256 public key');
}

/** "https://app.example https://m.app.example" → origins, each checked. */
function embedOriginsSetting(raw: string | undefined): string[] {
  if (!raw?.trim()) return [];
  return raw
    .trim()
    .split(/[\s,]+/)
    .map((value) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new ConfigError(`EMBED_ORIGINS: "${value}" is not an origin like https://app.example`);
      }
      if (!['http:', 'https:'].includes(url.protocol) || url.origin !== value.replace(/\/$/, '')) {
        throw new ConfigError(`EMBED_ORIGINS: "${value}" is not an origin like https://app.example`);
      }
      return url.origin;
    });
}
