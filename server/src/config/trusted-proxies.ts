import { isIP } from 'node:net';
import { ConfigError } from './config.ts';

/** The names proxy-addr (Fastify's trustProxy) understands for well-known private ranges. */
const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUSTED_PROXIES: the reverse proxies (addresses or CIDR ranges, comma-separated) whose
 * X-Forwarded-For Kefu believes. Empty by default: then the connecting address is the client's,
 * and no header a client sends can change it. A malformed entry stops start-up, because a typo
 * here would silently make every proxied client look like the proxy.
 */
export function trustedProxiesSetting(raw: string | undefined): string[] {
  if (!raw?.trim()) return [];
  return raw
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      if (NAMED.has(entry)) return entry;
      const [address, prefix, extra] = entry.split('/');
      const family = isIP(address ?? '');
      const max = family === 4 ? 32 : 128;
      const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
      if (!family || !prefixOk || extra !== undefined) {
        throw new ConfigError(
          `TRUSTED_PROXIES: "${entry}" is not an IP address, a CIDR range or one of ${[...NAMED].join(', ')}`,
        );
      }
      return entry;
    });
}
