import { createPrivateKey } from 'node:crypto';
import { type Static, Type } from '@fastify/type-provider-typebox';
import { audit } from '../../audit/record.ts';
import type { EmailConfig } from '../../config/email-config.ts';
import { agentActor } from '../../identity/present-agent.ts';
import { requireAgent } from '../../identity/principal.ts';
import { AppError } from '../../platform/errors.ts';
import type { App, Services } from '../../platform/services.ts';
import { checkImap, checkRelay, server } from './server-checks.ts';
import {
  currentEmail,
  type DkimSetting,
  type ImapSetting,
  readStoredServers,
  type ServerSetting,
  type StoredServers,
  saveStoredServers,
  seal,
  serverUrl,
  unseal,
} from './server-settings.ts';

// A DNS name or an IPv4 address; no scheme, path or credentials slipped into the host.
const Host = Type.String({
  minLength: 1,
  maxLength: 253,
  pattern: '^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$',
});
const Port = Type.Integer({ minimum: 1, maximum: 65535 });
const Password = Type.String({ maxLength: 1024 });
const RelayInput = Type.Object(
  {
    host: Host,
    port: Port,
    secure: Type.Boolean(),
    /** Empty or null: the relay takes mail without signing in. */
    user: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    /** Empty or left out: the password in use stays. */
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
const ImapInput = Type.Object(
  {
    host: Host,
    port: Port,
    secure: Type.Boolean(),
    user: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.Optional(Password),
    folder: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f]+$' })),
  },
  { additionalProperties: false },
);
const DkimInput = Type.Object(
  {
    domain: Host,
    selector: Type.String({ minLength: 1, maxLength: 63, pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$' }),
    /** PEM; empty or left out: the key in use stays. */
    privateKey: Type.Optional(Type.String({ maxLength: 16_000 })),
  },
  { additionalProperties: false },
);
type Relay = Static<typeof RelayInput>;
type Imap = Static<typeof ImapInput>;

/** The servers as the console shows them: where they point, who signs in, never a secret. */
export async function serversView(services: Services, email: EmailConfig) {
  const now = await currentEmail(services.db, email, services.config.appSecret);
  const stored = await readStoredServers(services.db);
  const source = (inConsole: unknown, set: unknown) => (inConsole ? 'console' : set ? 'environment' : null);
  const relay = server(now.relayUrl, ['smtps:', 465, 587]);
  const imap = server(now.imapUrl, ['imaps:', 993, 143]);
  // Sealed under another APP_SECRET: the channel goes on without them (no sign-in, the
  // environment's DKIM key or none), so the console must say which to type again.
  const unreadable = (
    [
      ['relay.password', stored.relay?.password],
      ['imap.password', stored.imap?.password],
      ['dkim.privateKey', stored.dkim?.privateKey],
    ] as const
  )
    .filter(([, sealed]) => sealed && unseal(services.config.appSecret, sealed) === null)
    .map(([name]) => name);
  return {
    unreadable,
    relay: relay && { ...relay, source: source(stored.relay, now.relayUrl) },
    imap: imap && { ...imap, source: source(stored.imap, now.imapUrl) },
    dkim: now.dkim && {
      domain: now.dkim.domainName,
      selector: now.dkim.keySelector,
      privateKeySet: true,
      source: source(stored.dkim, now.dkim),
    },
  };
}

/** The password an edit leaves in place: the one the channel uses now (console's or env's). */
function passwordInUse(url: string | null): string | null {
  if (!url) return null;
  const raw = new URL(url).password;
  return raw ? decodeURIComponent(raw) : null;
}

function plainServer(input: Relay | Imap, inUse: string | null) {
  const user = input.user?.trim() || null;
  return {
    host: input.host.toLowerCase(),
    port: input.port,
    secure: input.secure,
    user,
    password: user ? input.password || passwordInUse(inUse) : null,
    folder: 'folder' in input ? input.folder?.trim() || 'INBOX' : undefined,
  };
}

function dkimKey(input: Static<typeof DkimInput>, now: EmailConfig): string {
  const pem = input.privateKey?.trim();
  if (!pem) {
    if (now.dkim) return now.dkim.privateKey;
    throw new AppError('validation_failed', { detail: 'dkim.privateKey: a PEM private key is needed' });
  }
  try {
    createPrivateKey(pem);
  } catch {
    throw new AppError('validation_failed', { detail: 'dkim.privateKey: not a PEM private key' });
  }
  return pem;
}

/**
 * Admins set the outbound relay, the IMAP mailbox and the DKIM key from the console (issue #18).
 * Saved values win over the environment; removing one (null) falls back on it again. The channel
 * picks a change up on its next send or poll, on every node (server-settings.ts).
 */
export function registerEmailServerRoutes(app: App, services: Services, configured: () => EmailConfig) {
  const { db, config } = services;
  const tags = ['channels'];

  app.put(
    '/admin/email/servers',
    {
      schema: {
        tags,
        summary:
          'Set the relay, IMAP mailbox or DKIM key (null: back to the environment); an empty password or key keeps the one in use',
        body: Type.Object(
          {
            relay: Type.Optional(Type.Union([RelayInput, Type.Null()])),
            imap: Type.Optional(Type.Union([ImapInput, Type.Null()])),
            dkim: Type.Optional(Type.Union([DkimInput, Type.Null()])),
          },
          // An empty body would change nothing and still leave an audit entry.
          { additionalProperties: false, minProperties: 1 },
        ),
      },
    },
    async (request) => {
      const who = requireAgent(request, 'admin');
      const email = configured();
      const body = request.body;
      const now = await currentEmail(db, email, config.appSecret);
      const stored: StoredServers = { ...(await readStoredServers(db)) };
      const secretsReplaced: string[] = [];
      const sealed = (s: ReturnType<typeof plainServer>): ServerSetting => ({
        host: s.host,
        port: s.port,
        secure: s.secure,
        user: s.user,
        password: s.password ? seal(config.appSecret, s.password) : null,
      });
      if (body.relay === null) delete stored.relay;
      else if (body.relay) {
        if (body.relay.password) secretsReplaced.push('relay.password');
        stored.relay = sealed(plainServer(body.relay, now.relayUrl));
      }
      if (body.imap === null) delete stored.imap;
      else if (body.imap) {
        if (body.imap.password) secretsReplaced.push('imap.password');
        const plain = plainServer(body.imap, now.imapUrl);
        stored.imap = { ...sealed(plain), folder: plain.folder ?? 'INBOX' } satisfies ImapSetting;
      }
      if (body.dkim === null) delete stored.dkim;
      else if (body.dkim) {
        if (body.dkim.privateKey?.trim()) secretsReplaced.push('dkim.privateKey');
        stored.dkim = {
          domain: body.dkim.domain.toLowerCase(),
          selector: body.dkim.selector,
          privateKey: seal(config.appSecret, dkimKey(body.dkim, now)),
        } satisfies DkimSetting;
      }
      await saveStoredServers(db, stored);
      await audit(db, {
        ...agentActor(who.agentId, request),
        action: 'mailbox.servers.update',
        targetType: 'email_servers',
        // Which parts changed and which secrets were replaced; never a secret itself.
        data: {
          set: Object.keys(body).filter((k) => body[k as keyof typeof body]),
          removed: Object.keys(body).filter((k) => body[k as keyof typeof body] === null),
          secretsReplaced,
        },
      });
      return serversView(services, email);
    },
  );

  app.post(
    '/admin/email/test',
    {
      schema: {
        tags,
        summary:
          'Connect to the SMTP relay and the IMAP mailbox now and say what they answered; values given are tested instead of the saved ones (nothing is saved)',
        body: Type.Object(
          { relay: Type.Optional(RelayInput), imap: Type.Optional(ImapInput) },
          { additionalProperties: false },
        ),
      },
      // Without a body the saved values are tested (what the button did before editing existed).
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const who = requireAgent(request, 'admin');
      const email = configured();
      const now = await currentEmail(db, email, config.appSecret);
      const edited = request.body;
      const relay = edited.relay && plainServer(edited.relay, now.relayUrl);
      const imap = edited.imap && plainServer(edited.imap, now.imapUrl);
      const tried: EmailConfig = {
        ...now,
        relayUrl: relay ? serverUrl('smtp', relay, relay.password) : now.relayUrl,
        imapUrl: imap ? serverUrl('imap', imap, imap.password) : now.imapUrl,
      };
      const [relayCheck, imapCheck] = await Promise.all([checkRelay(tried), checkImap(tried)]);
      await audit(db, {
        ...agentActor(who.agentId, request),
        action: 'mailbox.test',
        data: { relay: relayCheck?.ok ?? null, imap: imapCheck?.ok ?? null, edited: Object.keys(edited) },
      });
      return { relay: relayCheck, imap: imapCheck, checkedAt: new Date().toISOString() };
    },
  );
}
