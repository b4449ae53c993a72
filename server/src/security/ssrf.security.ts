import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress, safePost } from '../channels/safe-http.ts';
import { startTestServer } from '../channels/test-server.ts';

/**
 * Issue #20 point 17: the SSRF filter let IPv6 spellings of loopback and private IPv4 addresses
 * through (IPv4-compatible `::7f00:1`, SIIT `::ffff:0:7f00:1`, 6to4 `2002:7f00:1::`, NAT64,
 * Teredo). Every form below names a loopback, private, link-local or metadata address.
 */
const HIDDEN = [
  ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
  ['IPv4-mapped, hex', '::ffff:7f00:1'],
  ['IPv4-mapped metadata', '::ffff:a9fe:a9fe'],
  ['IPv4-compatible loopback', '::7f00:1'],
  ['IPv4-compatible, dotted', '::127.0.0.1'],
  ['IPv4-compatible private', '::a00:1'],
  ['SIIT (RFC 6145) loopback', '::ffff:0:7f00:1'],
  ['SIIT private', '::ffff:0:c0a8:101'],
  ['6to4 of loopback', '2002:7f00:1::'],
  ['6to4 of metadata', '2002:a9fe:a9fe::1'],
  ['6to4 of private', '2002:c0a8:0101::1'],
  ['NAT64 of loopback', '64:ff9b::7f00:1'],
  ['NAT64 of metadata', '64:ff9b::169.254.169.254'],
  ['local-use NAT64', '64:ff9b:1::a00:1'],
  ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
  ['site-local (deprecated)', 'fec0::1'],
  ['unique local', 'fd12:3456::1'],
  ['link-local with zone', 'fe80::1%eth0'],
  ['documentation', '2001:db8::1'],
  ['IPv4 broadcast', '255.255.255.255'],
  ['IPv4 shared (CGNAT)', '100.64.1.1'],
  ['metadata', '169.254.169.254'],
] as const;

describe('SSRF filter: every spelling of a private address is refused (#20.17)', () => {
  it.each(HIDDEN)('%s (%s) is private', (_name, address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '2002:5db8:d822::1', // 6to4 of a public address
    '64:ff9b::8.8.8.8', // NAT64 of a public address
  ])('%s (public) is allowed', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  let target: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    target = await startTestServer((_req, res) => void res.writeHead(200).end('internal secret'));
  });
  afterAll(() => target.close());

  it('a webhook URL spelled as an IPv6 form of 127.0.0.1 is not called', async () => {
    const port = new URL(target.url).port;
    for (const host of ['[::ffff:7f00:1]', '[::7f00:1]', '[2002:7f00:1::]']) {
      await expect(
        safePost(new URL(`http://${host}:${port}/hook`), '{}', {}, { allowPrivate: false, timeoutMs: 2000 }),
      ).rejects.toThrow(/private/);
    }
    expect(target.requests).toHaveLength(0);
  });
});
