import { errors, importSPKI, type JWTPayload, jwtVerify, type KeyObject } from 'jose';
import type { CustomerJwtConfig } from '../config/config.ts';
import type { CustomerFacts } from '../customers/repository.ts';
import { AppError } from '../platform/errors.ts';
import { normaliseLanguage } from '../platform/i18n.ts';

/** An identity token may live at most this long: it is a hand-over, not a session. */
const MAX_LIFETIME_S = 3600;

/**
 * Verifies the host app's signed statement of who its signed-in user is (HS256 with the shared
 * secret, or EdDSA / RS256 / ES256 with the configured public key) and returns what it says.
 */
export function createCustomerTokenVerifier(config: CustomerJwtConfig) {
  let publicKey: Promise<KeyObject | CryptoKey> | null = null;
  const secret = config.kind === 'hs256' ? new TextEncoder().encode(config.secret) : null;

  return async function verifyCustomerToken(token: string): Promise<CustomerFacts> {
    let payload: JWTPayload;
    try {
      const options = {
        ...(config.issuer ? { issuer: config.issuer } : {}),
        ...(config.audience ? { audience: config.audience } : {}),
        requiredClaims: ['exp'],
        clockTolerance: 30,
      };
      if (secret) {
        ({ payload } = await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] }));
      } else {
        const pem = (config as Extract<CustomerJwtConfig, { kind: 'public-key' }>).publicKeyPem;
        const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString() || '{}') as {
          alg?: string;
        };
        const alg = ['EdDSA', 'RS256', 'ES256'].includes(header.alg ?? '') ? header.alg! : 'RS256';
        publicKey ??= importSPKI(pem, alg);
        ({ payload } = await jwtVerify(token, await publicKey, { ...options, algorithms: [alg] }));
      }
    } catch (err) {
      if (err instanceof errors.JOSEError || err instanceof SyntaxError || err instanceof TypeError) {
        throw new AppError('invalid_identity_token');
      }
      throw err;
    }
    if (payload.iat !== undefined && payload.exp! - payload.iat > MAX_LIFETIME_S) {
      throw new AppError('invalid_identity_token');
    }
    const uid = typeof payload.uid === 'string' ? payload.uid : payload.sub;
    if (!uid || uid.length > 128) throw new AppError('invalid_identity_token');
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
