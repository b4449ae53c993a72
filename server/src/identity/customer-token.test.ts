import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { createCustomerTokenVerifier } from './customer-token.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

const SECRET = new TextEncoder().encode('test-customer-jwt-secret-0123456789abcdef');

async function openSession(identityToken?: string, headers: Record<string, string> = {}) {
  return desk.app.inject({
    method: 'POST',
    url: '/api/v1/customer/session',
    headers,
    payload: identityToken === undefined ? {} : { identityToken },
  });
}

function hs256(claims: Record<string, unknown>) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
}

describe('customer identity tokens (HS256)', () => {
  it('opens a session for a good token and keeps the customer up to date', async () => {
    const res = await openSession(
      await desk.identityToken('u-id-1', { name: '王五', email: 'w@example.org', region: 'sg' }),
    );
    expect(res.statusCode).toBe(201);
    const { token, customer } = res.json();
    expect(token).toMatch(/^kfc_/);
    expect(customer).toMatchObject({ uid: 'u-id-1', name: '王五', region: 'SG', isVisitor: false });
    const me = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json().uid).toBe('u-id-1');
    const again = await openSession(await desk.identityToken('u-id-1', { name: '王五五' }));
    expect(again.json().customer.id).toBe(customer.id);
    expect(again.json().customer.name).toBe('王五五');
  });

  it('accepts sub when uid is absent', async () => {
    const token = await hs256({ sub: 'u-sub-1' }).setIssuedAt().setExpirationTime('5m').sign(SECRET);
    expect((await openSession(token)).json().customer.uid).toBe('u-sub-1');
  });

  it.each([
    [
      'expired',
      () =>
        hs256({ uid: 'u-x' })
          .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
          .sign(SECRET),
    ],
    [
      'wrong signature',
      () =>
        hs256({ uid: 'u-x' })
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('another-secret-another-secret-0123456789')),
    ],
    ['too long-lived', () => hs256({ uid: 'u-x' }).setIssuedAt().setExpirationTime('2h').sign(SECRET)],
    ['too long-lived without iat', () => hs256({ uid: 'u-x' }).setExpirationTime('30d').sign(SECRET)],
    ['without exp', () => hs256({ uid: 'u-x' }).setIssuedAt().sign(SECRET)],
    ['missing uid', () => hs256({ name: 'nobody' }).setIssuedAt().setExpirationTime('5m').sign(SECRET)],
    [
      'alg none',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ uid: 'u-x', exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url')}.`,
    ],
    ['garbage', async () => 'not-a-jwt-at-all'],
  ])('refuses a token that is %s', async (_name, make) => {
    const res = await openSession(await make(), { 'accept-language': 'en' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({
      code: 'invalid_identity_token',
      message: 'The identity token is invalid or expired',
    });
  });
});

describe('customer identity tokens with a public key (CUSTOMER_JWT_PUBLIC_KEY_FILE)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kefu-keys-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const [alg, kind] of [
    ['RS256', 'rsa'],
    ['EdDSA', 'ed25519'],
  ] as const) {
    it(`verifies ${alg} tokens and refuses other algorithms and keys`, async () => {
      const pair = () =>
        kind === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
      const { publicKey, privateKey } = pair();
      const file = join(dir, `${kind}.pem`);
      await writeFile(file, publicKey.export({ type: 'spki', format: 'pem' }));
      const signer = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), alg);
      const keyed = await createTestDesk({ CUSTOMER_JWT_PUBLIC_KEY_FILE: file });
      try {
        const session = (token: string) =>
          keyed.app.inject({
            method: 'POST',
            url: '/api/v1/customer/session',
            payload: { identityToken: token },
          });
        // A token with a lying header first: it must not poison the key for the good ones after it.
        const lying = await hs256({ uid: 'u-k' }).setIssuedAt().setExpirationTime('5m').sign(SECRET);
        const forged = `${Buffer.from(JSON.stringify({ alg: kind === 'rsa' ? 'EdDSA' : 'RS256' })).toString('base64url')}.${lying.split('.')[1]}.${lying.split('.')[2]}`;
        expect((await session(forged)).statusCode).toBe(401);
        expect((await session(lying)).statusCode).toBe(401);
        const good = await new SignJWT({ uid: `u-${kind}` })
          .setProtectedHeader({ alg })
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(signer);
        const res = await session(good);
        expect(res.statusCode).toBe(201);
        expect(res.json().customer.uid).toBe(`u-${kind}`);
        const otherKey = await importPKCS8(
          pair().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          alg,
        );
        const wrongKey = await new SignJWT({ uid: 'u-k' })
          .setProtectedHeader({ alg })
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(otherKey);
        expect((await session(wrongKey)).statusCode).toBe(401);
      } finally {
        await keyed.close();
      }
      // A whole desk of its own is set up inside the test: far slower on a loaded machine.
    }, 120_000);
  }

  it('a verifier built for one algorithm is not poisoned by a token of another', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const verify = createCustomerTokenVerifier(
      {
        kind: 'public-key',
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        algorithm: 'EdDSA',
        issuer: null,
        audience: null,
      },
      async () => true,
    );
    const bogus = `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.e30.AAAA`;
    await expect(verify(bogus)).rejects.toMatchObject({ code: 'invalid_identity_token' });
    const signer = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'EdDSA');
    const good = await new SignJWT({ uid: 'u-ok' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signer);
    await expect(verify(good)).resolves.toMatchObject({ uid: 'u-ok' });
  });
});

describe('visitors', () => {
  it('opens an anonymous visitor session that can open and see only its own tickets', async () => {
    const res = await openSession(undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.statusCode).toBe(201);
    const { token, customer } = res.json();
    expect(customer).toMatchObject({ isVisitor: true, uid: null, language: 'en' });
    const headers = { authorization: `Bearer ${token}` };
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers,
      payload: { title: 'How do I verify my account?', description: 'Which documents do you accept?' },
    });
    expect(created.statusCode).toBe(201);
    const mine = await desk.app.inject({ method: 'GET', url: '/api/v1/me/tickets', headers });
    expect(mine.json().items.map((t: { id: string }) => t.id)).toEqual([created.json().id]);
    const second = (await openSession()).json();
    expect(second.customer.id).not.toBe(customer.id);
  });

  it('refuses an unknown or expired customer session token', async () => {
    const res = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Bearer kfc_nope' },
    });
    expect(res.statusCode).toBe(401);
  });
});
