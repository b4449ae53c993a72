import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Outbound HTTP to addresses an admin typed in (webhook URLs). Every address the host name resolves
 * to is checked, and the connection is made to the checked address itself (no second lookup that a
 * rebinding DNS server could answer differently): private, loopback, link-local and other special
 * ranges are refused unless the channel explicitly allows them.
 */
/**
 * IPv6 forms that carry an IPv4 address inside (RFC 4291 IPv4-mapped and -compatible, RFC 6145
 * SIIT, RFC 3056 6to4, RFC 6052 NAT64): the embedded address is what a router or translator
 * reaches, so it is the one checked. Parsing and the special ranges come from ipaddr.js (the
 * library Fastify's proxy-addr uses), not from hand-written patterns.
 */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = v6.parts;
  const low = (): ipaddr.IPv4 => new ipaddr.IPv4([p[6]! >> 8, p[6]! & 0xff, p[7]! >> 8, p[7]! & 0xff]);
  const zeros = (n: number) => p.slice(0, n).every((x) => x === 0);
  if (zeros(5) && p[5] === 0xffff) return low(); // ::ffff:a.b.c.d
  if (zeros(4) && p[4] === 0xffff && p[5] === 0) return low(); // ::ffff:0:a.b.c.d
  if (zeros(6)) return low(); // ::a.b.c.d (and :: and ::1, refused as 0.0.0.0/8)
  if (p[0] === 0x64 && p[1] === 0xff9b && p.slice(2, 6).every((x) => x === 0)) return low();
  if (p[0] === 0x2002) return new ipaddr.IPv4([p[1]! >> 8, p[1]! & 0xff, p[2]! >> 8, p[2]! & 0xff]);
  return null;
}

/** Whether an address is one a server should never be made to call on an outsider's behalf. */
export function isPrivateAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return true; // not an address at all
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const inner = embeddedIPv4(v6);
    if (inner) return inner.range() !== 'unicast';
    // Everything but global unicast: loopback, link-local, unique and site-local, multicast,
    // Teredo, local-use NAT64, documentation, discard…
    return v6.range() !== 'unicast';
  }
  return parsed.range() !== 'unicast';
}

export class DestinationRefused extends Error {
  override name = 'DestinationRefused';
}

function guardedLookup(allowPrivate: boolean, allowAddress?: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.find((a) => isPrivateAddress(a.address) && !allowAddress?.(a.address));
      if (refused && !allowPrivate) {
        return callback(new DestinationRefused(`${hostname} resolves to a private address`), '', 0);
      }
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      if (options.all)
        return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

export interface SafeResponse {
  status: number;
  body: string;
}

/** POSTs `body` to `url` through the address check; resolves with the status and a bounded body. */
export function safePost(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: {
    allowPrivate: boolean;
    timeoutMs: number;
    /** Private addresses allowed one by one (an admin's on-premise range), the rest refused. */
    allowAddress?: (address: string) => boolean;
  },
): Promise<SafeResponse> {
  return new Promise((resolve, reject) => {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return reject(new DestinationRefused(`unsupported protocol ${url.protocol}`));
    }
    // A literal IP bypasses lookup: check it here.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (
      isIP(literal) &&
      isPrivateAddress(literal) &&
      !options.allowPrivate &&
      !options.allowAddress?.(literal)
    ) {
      return reject(new DestinationRefused(`${literal} is a private address`));
    }
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        lookup: guardedLookup(options.allowPrivate, options.allowAddress),
        // A fresh connection each time: Node's global agent keeps sockets alive and would reuse
        // one without a lookup, so an address checked earlier (a range since removed, or a socket
        // another caller opened to the same host without the check) would not be checked again.
        agent: false,
        timeout: options.timeoutMs,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 64 * 1024) text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
