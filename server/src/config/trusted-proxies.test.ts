import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.ts';
import { trustedProxiesSetting } from './trusted-proxies.ts';

describe('TRUSTED_PROXIES', () => {
  it('is empty by default and reads addresses, CIDR ranges and named ranges', () => {
    expect(trustedProxiesSetting(undefined)).toEqual([]);
    expect(trustedProxiesSetting('  ')).toEqual([]);
    expect(trustedProxiesSetting('10.0.0.1, 10.1.0.0/16 ::1 fd00::/8,loopback')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses what is not an address or range', () => {
    for (const bad of ['proxy.example', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', '*', 'true']) {
      expect(() => trustedProxiesSetting(bad)).toThrow(ConfigError);
    }
  });

  it('as Fastify trustProxy, believes X-Forwarded-For only from the listed proxies', async () => {
    const app = Fastify({ trustProxy: trustedProxiesSetting('127.0.0.1,10.20.0.0/16') });
    app.get('/ip', async (request) => ({ ip: request.ip }));
    const ip = async (remoteAddress: string, xff: string) =>
      (await app.inject({ url: '/ip', remoteAddress, headers: { 'x-forwarded-for': xff } })).json().ip;
    expect(await ip('127.0.0.1', '198.51.100.1')).toBe('198.51.100.1');
    expect(await ip('10.20.1.1', '198.51.100.2')).toBe('198.51.100.2');
    expect(await ip('203.0.113.9', '198.51.100.3')).toBe('203.0.113.9');
    expect(await ip('203.0.113.9', '198.51.100.4, 127.0.0.1')).toBe('203.0.113.9');
    await app.close();
  });
});
