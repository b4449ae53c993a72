import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createCustomerTokenVerifier, type TokenIdStore } from './customer-token.ts';

const SECRET = 'a-host-app-secret-a-host-app-secret-0123';
const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);
const sign = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);

/** A store kept in memory, as a single node would; the app uses the database (used-tokens.ts). */
function memoryStore(): TokenIdStore & { seen: Map<string, Date> } {
  const seen = new Map<string, Date>();
  const store = async (issuer: string | null, jti: string, expiresAt: Date) => {
    const k = `${issuer}|${jti}`;
    if (seen.has(k)) return false;
    seen.set(k, expiresAt);
    return true;
  };
  return Object.assign(store, { seen });
}

const config = { kind: 'hs256' as const, secret: SECRET, issuer: null, audience: null };

describe('identity tokens against the server clock', () => {
  it('refuses an iat beyond the skew and counts the hour from the earlier of iat and now', async () => {
    const verify = createCustomerTokenVerifier(config, memoryStore());
    const future = now() + 10 * 3600;
    await expect(verify(await sign({ uid: 'u', iat: future, exp: future + 3600 }))).rejects.toMatchObject({
      code: 'invalid_identity_token',
    });
    await expect(verify(await sign({ uid: 'u', iat: now() + 10, exp: now() + 3500 }))).resolves.toMatchObject(
      {
        uid: 'u',
      },
    );
    await expect(verify(await sign({ uid: 'u', iat: now() + 10, exp: now() + 3620 }))).rejects.toMatchObject({
      code: 'invalid_identity_token',
    });
    // An old iat keeps its own hour.
    await expect(verify(await sign({ uid: 'u', iat: now() - 3000, exp: now() + 700 }))).rejects.toMatchObject(
      {
        code: 'invalid_identity_token',
      },
    );
  });

  it('accepts a jti once and keeps it until the token expires; tokens without one are unaffected', async () => {
    const store = memoryStore();
    const verify = createCustomerTokenVerifier(config, store);
    const exp = now() + 300;
    const token = await sign({ uid: 'u', jti: 'j-1', iat: now(), exp });
    await expect(verify(token)).resolves.toMatchObject({ uid: 'u' });
    await expect(verify(token)).rejects.toMatchObject({ code: 'invalid_identity_token' });
    expect([...store.seen.values()][0]!.getTime()).toBeGreaterThanOrEqual(exp * 1000);
    const plain = await sign({ uid: 'u', iat: now(), exp });
    await expect(verify(plain)).resolves.toMatchObject({ uid: 'u' });
    await expect(verify(plain)).resolves.toMatchObject({ uid: 'u' });
    await expect(verify(await sign({ uid: 'u', jti: 42, iat: now(), exp }))).rejects.toMatchObject({
      code: 'invalid_identity_token',
    });
  });
});
