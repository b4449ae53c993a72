import { holdsSecret } from '../safety/mask.ts';

/**
 * What a request log line may say about the URL (issue #20.7): the help search and suggestions
 * (`q`) and the verify page (`value`) carry what a person typed, which can be a seed phrase, so
 * their whole query is dropped; a `token` (the host app's identity token on the customer pages'
 * `?token=`) or any other credential-named parameter is never written; any other value in which
 * the safety detectors find a secret is dropped too, and so is the CSAT link's token in its path.
 */
const TYPED_ROUTES = /\/(help\/search|help\/suggest|verify)$/;
const CREDENTIAL_NAME = /token|secret|password|passwd|code|key|signature|sig|auth|session|echostr/i;

/** Paths whose last segment is a bearer credential (the CSAT link's token). */
const TOKEN_PATHS = /^(.*\/csat\/)[^/?]+/;

export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  url = url.replace(TOKEN_PATHS, '$1[redacted]');
  const q = url.indexOf('?');
  if (q < 0) return url;
  const path = url.slice(0, q);
  if (TYPED_ROUTES.test(path)) return `${path}?[redacted]`;
  const params = url.slice(q + 1).split('&');
  const kept = params.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return pair;
    const name = pair.slice(0, eq);
    let value = pair.slice(eq + 1);
    try {
      value = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      // keep it encoded; still screened below
    }
    if (CREDENTIAL_NAME.test(name) || holdsSecret(value)) return `${name}=[redacted]`;
    return pair;
  });
  return `${path}?${kept.join('&')}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  host?: string;
  socket?: { remoteAddress?: string; remotePort?: number };
}

/** pino's `req` serializer: Fastify's fields, with the URL redacted. */
export function serializeRequest(req: LoggedRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
    remotePort: req.socket?.remotePort,
  };
}
