/**
 * Establishes who is calling: verifies `Authorization: Bearer <JWT>` against the trusted issuers,
 * then checks the client registry. Any failure is UNAUTHENTICATED with HTTP 401.
 */
import { decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Viewer } from '../../platform/viewer.js';
import { HttpError } from '../../platform/http/graphql-handler.js';
import type { ClientRegistry } from './clients.js';
import type { TrustedIssuer } from './issuers.js';

export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Omit<Viewer, 'recognizes'> & { persistedOnly: boolean; rateLimitPerMinute?: number }>;
}

/** How long a verified token's signature is trusted without checking it again (never past its expiry). */
const VERIFIED_TTL_MS = 60_000;

const unauthenticated = (message: string) => new HttpError(401, message, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer realm="customs-gateway"' });

export function createAuthenticator(issuers: TrustedIssuer[], clients: ClientRegistry, audience: string): Authenticator {
  const byIssuer = new Map(issuers.map((i) => [i.issuer, i]));
  const verified = new Map<string, { payload: JWTPayload; until: number }>();
  return {
    async authenticate(authorization) {
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization ?? '');
      if (!match) throw unauthenticated('A bearer token is required (Authorization: Bearer <JWT>).');
      const token = match[1];
      let iss: string | undefined;
      try {
        iss = decodeJwt(token).iss;
      } catch {
        throw unauthenticated('The bearer token is not a JWT.');
      }
      const issuer = iss ? byIssuer.get(iss) : undefined;
      if (!issuer) throw unauthenticated('The token was not issued by a trusted issuer.');
      let payload: JWTPayload;
      const now = Date.now();
      const cached = verified.get(token);
      if (cached && now < cached.until) {
        payload = cached.payload;
      } else {
        try {
          ({ payload } = await jwtVerify(token, issuer.keys, { issuer: issuer.issuer, audience, algorithms: ['EdDSA', 'ES256', 'RS256', 'PS256'] }));
        } catch (error) {
          if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired.');
          throw unauthenticated('The token could not be verified.');
        }
        // A verified signature is remembered until the token expires, at most VERIFIED_TTL_MS (key rotation).
        if (verified.size > 10_000) verified.clear();
        verified.set(token, { payload, until: Math.min(now + VERIFIED_TTL_MS, typeof payload.exp === 'number' ? payload.exp * 1000 : now) });
      }
      const client = typeof payload.sub === 'string' ? clients.get(payload.sub) : undefined;
      if (!client) throw unauthenticated('The token names a client that is not registered.');
      if (payload.adm !== client.administration) throw unauthenticated('The token is for another administration than the registered client.');
      if (!issuer.administrations.includes('*') && !issuer.administrations.includes(client.administration)) {
        throw unauthenticated('The issuer may not vouch for clients of this administration.');
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
