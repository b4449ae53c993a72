import { errors, importSPKI, type JWTPayload, jwtVerify, type KeyObject } from 'jose';
import type { CustomerJwtConfig } from '../config/config.ts';
import type { CustomerFacts } from '../customers/repository.ts';
import { AppError } from '../platform/errors.ts';
import { normaliseLanguage } from '../platform/i18n.ts';

/** An identity token may live at most this long: it is a hand-over, not a session. */
const MAX_LIFETIME_S = 3600;
/** How far the host app's clock may run ahead of ours. */
export const CLOCK_SKEW_S = 30;

/**
 * Remembers a token's `jti` until the token expires; answers false when it was already used.
 * Shared by every node (the database), so a token opens one session wherever it is replayed.
 */
export type TokenIdStore = (issuer: string | null, jti: string, expiresAt: Date) => Promise<boolean>;

/**
 * Verifies the host app's signed statement of who its signed-in user is (HS256 with the shared
 * secret, or EdDSA / RS256 / ES256 with the configured public key) and returns what it says.
 */
export function createCustomerTokenVerifier(config: CustomerJwtConfig, rememberTokenId: TokenIdStore) {
  const secret = config.kind === 'hs256' ? new TextEncoder().encode(config.secret) : null;
  // The algorithm follows from the configured key, never from the token's header: a header
  // naming another algorithm once made importSPKI fail, and the failed import stayed cached
  // (every later token answered 500).
  const keyAlg = config.kind === 'public-key' ? config.algorithm : null;
  let publicKey: Promise<KeyObject | CryptoKey> | null = null;

  return async function verifyCustomerToken(token: string): Promise<CustomerFacts> {
    let payload: JWTPayload;
    try {
      const options = {
        ...(config.issuer ? { issuer: config.issuer } : {}),
        ...(config.audience ? { audience: config.audience } : {}),
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_SKEW_S,
      };
      if (secret) {
        ({ payload } = await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] }));
      } else {
        const pem = (config as Extract<CustomerJwtConfig, { kind: 'public-key' }>).publicKeyPem;
        publicKey ??= importSPKI(pem, keyAlg!);
        ({ payload } = await jwtVerify(token, await publicKey, { ...options, algorithms: [keyAlg!] }));
      }
    } catch (err) {
      if (err instanceof errors.JOSEError || err instanceof SyntaxError || err instanceof TypeError) {
        throw new AppError('invalid_identity_token');
      }
      throw err;
    }
    // The hour is counted from the earlier of iat and our clock, and iat may not be ahead of our
    // clock by more than the skew: a token "issued" ten hours ahead used to live eleven hours, and
    // one with no iat and an expiry a month away used to pass.
    const now = Math.floor(Date.now() / 1000);
    if (payload.iat !== undefined && payload.iat > now + CLOCK_SKEW_S)
      throw new AppError('invalid_identity_token');
    const from = Math.min(payload.iat ?? now, now);
    if (payload.exp! - from > MAX_LIFETIME_S) throw new AppError('invalid_identity_token');
    const uid = typeof payload.uid === 'string' ? payload.uid : payload.sub;
    if (!uid || uid.length > 128) throw new AppError('invalid_identity_token');
    // A jti, when the host app sets one, opens one session: a copied token cannot open more.
    if (payload.jti !== undefined) {
      if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 200)
        throw new AppError('invalid_identity_token');
      const fresh = await rememberTokenId(
        payload.iss ?? null,
        payload.jti,
        new Date((payload.exp! + CLOCK_SKEW_S) * 1000),
      );
      if (!fresh) throw new AppError('invalid_identity_token');
    }
    const str = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : null);
    return {
      uid,
      name: str(payload.name, 200),
      email: str(payload.email, 320),
      phone: str(payload.phone, 40),
      language: normaliseLanguage(str(payload.language, 20)),
      region: str(payload.region, 10)?.toUpperCase() ?? null,
    };
  };
}
