/**
 * Establishes who is calling: verifies `Authorization: Bearer <JWT>` against the trusted issuers,
 * then checks the client registry. Any failure is UNAUTHENTICATED with HTTP 401 and a stable
 * `extensions.reason` that names the client's mistake, never an internal detail.
 *
 * Tokens must expire: `exp` is required, and `exp - (iat ?? now)` may not exceed the issuer's maximum
 * lifetime (24 h unless configured). `nbf`, `exp` and `iat` are checked with a small clock skew; a
 * token issued in the future beyond that skew is refused.
 */
import { decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Viewer } from '../../platform/viewer.js';
import { HttpError } from '../../platform/http/graphql-handler.js';
import type { ClientRegistry } from './clients.js';
import type { TrustedIssuer } from './issuers.js';

export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Omit<Viewer, 'recognizes'> & { persistedOnly: boolean; rateLimitPerMinute?: number }>;
}

/** The stable reasons of an UNAUTHENTICATED refusal (`extensions.reason`). */
export type UnauthenticatedReason =
  | 'TOKEN_MISSING'
  | 'TOKEN_MALFORMED'
  | 'ISSUER_NOT_TRUSTED'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_ISSUED_IN_FUTURE'
  | 'TOKEN_WITHOUT_EXPIRY'
  | 'TOKEN_LIFETIME_TOO_LONG'
  | 'CLIENT_NOT_REGISTERED'
  | 'ADMINISTRATION_MISMATCH';

export interface TokenPolicy {
  /** The longest lifetime (exp - iat) accepted from an issuer that sets none itself, in seconds. */
  maxLifetimeSeconds: number;
  /** Clock skew tolerated on exp, nbf and iat, in seconds. */
  clockSkewSeconds: number;
}

export const defaultTokenPolicy: TokenPolicy = { maxLifetimeSeconds: 24 * 60 * 60, clockSkewSeconds: 60 };

/** How long a verified token's signature is trusted without checking it again (never past its expiry). */
const VERIFIED_TTL_MS = 60_000;

const unauthenticated = (message: string, reason: UnauthenticatedReason) =>
  new HttpError(401, message, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer realm="customs-gateway"' }, { reason });

/** The lifetime and time-window rules, on a payload whose signature is verified. */
export function checkTokenTimes(payload: JWTPayload, maxLifetimeSeconds: number, clockSkewSeconds: number, nowSeconds: number): void {
  if (typeof payload.exp !== 'number') throw unauthenticated('The token has no expiry (exp); tokens must expire.', 'TOKEN_WITHOUT_EXPIRY');
  if (payload.exp <= nowSeconds - clockSkewSeconds) throw unauthenticated('The token has expired.', 'TOKEN_EXPIRED');
  if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds + clockSkewSeconds)
    throw unauthenticated('The token is not valid yet (nbf).', 'TOKEN_NOT_YET_VALID');
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + clockSkewSeconds) {
    throw unauthenticated('The token was issued in the future (iat); check the issuer clock.', 'TOKEN_ISSUED_IN_FUTURE');
  }
  const lifetime = payload.exp - (typeof payload.iat === 'number' ? payload.iat : nowSeconds);
  if (lifetime > maxLifetimeSeconds) {
    throw unauthenticated(`The token lives longer than this issuer's tokens may (at most ${maxLifetimeSeconds} s).`, 'TOKEN_LIFETIME_TOO_LONG');
  }
}

export function createAuthenticator(
  issuers: TrustedIssuer[],
  clients: ClientRegistry,
  audience: string,
  policy: TokenPolicy = defaultTokenPolicy,
): Authenticator {
  const byIssuer = new Map(issuers.map((i) => [i.issuer, i]));
  const verified = new Map<string, { payload: JWTPayload; until: number }>();
  return {
    async authenticate(authorization) {
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization ?? '');
      if (!match) throw unauthenticated('A bearer token is required (Authorization: Bearer <JWT>).', 'TOKEN_MISSING');
      const token = match[1];
      let iss: string | undefined;
      try {
        iss = decodeJwt(token).iss;
      } catch {
        throw unauthenticated('The bearer token is not a JWT.', 'TOKEN_MALFORMED');
      }
      const issuer = iss ? byIssuer.get(iss) : undefined;
      if (!issuer) throw unauthenticated('The token was not issued by a trusted issuer.', 'ISSUER_NOT_TRUSTED');
      let payload: JWTPayload;
      const now = Date.now();
      const cached = verified.get(token);
      if (cached && now < cached.until) {
        payload = cached.payload;
      } else {
        try {
          ({ payload } = await jwtVerify(token, issuer.keys, {
            issuer: issuer.issuer,
            audience,
            algorithms: ['EdDSA', 'ES256', 'RS256', 'PS256'],
            requiredClaims: ['exp'],
            clockTolerance: policy.clockSkewSeconds,
          }));
        } catch (error) {
          if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired.', 'TOKEN_EXPIRED');
          if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp') {
            throw unauthenticated('The token has no expiry (exp); tokens must expire.', 'TOKEN_WITHOUT_EXPIRY');
          }
          if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf')
            throw unauthenticated('The token is not valid yet (nbf).', 'TOKEN_NOT_YET_VALID');
          throw unauthenticated('The token could not be verified.', 'TOKEN_INVALID');
        }
        checkTokenTimes(payload, issuer.maxTokenLifetimeSeconds ?? policy.maxLifetimeSeconds, policy.clockSkewSeconds, Math.floor(now / 1000));
        // A verified signature is remembered until the token expires, at most VERIFIED_TTL_MS (key rotation).
        if (verified.size > 10_000) verified.clear();
        verified.set(token, { payload, until: Math.min(now + VERIFIED_TTL_MS, typeof payload.exp === 'number' ? payload.exp * 1000 : now) });
      }
      const client = typeof payload.sub === 'string' ? clients.get(payload.sub) : undefined;
      if (!client) throw unauthenticated('The token names a client that is not registered.', 'CLIENT_NOT_REGISTERED');
      if (payload.adm !== client.administration)
        throw unauthenticated('The token is for another administration than the registered client.', 'ADMINISTRATION_MISMATCH');
      if (!issuer.administrations.includes('*') && !issuer.administrations.includes(client.administration)) {
        throw unauthenticated('The issuer may not vouch for clients of this administration.', 'ADMINISTRATION_MISMATCH');
      }
      const granted = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      return {
        clientId: client.id,
        administrationCode: client.administration,
        kind: client.kind,
        scopes: client.scopes.filter((s) => granted.includes(s)),
        persistedOnly: client.persistedOnly,
        rateLimitPerMinute: client.rateLimitPerMinute,
      };
    },
  };
}
