/**
 * The identity the gateway propagates to subgraphs: a short-lived JWS (HS256) in the
 * `x-customs-viewer` header, signed with the secret shared by the gateway and its subgraphs.
 * A subgraph refuses any call without a valid one (HTTP 401), `_service` and `_entities` included.
 */
import { jwtVerify, SignJWT } from 'jose';
import { GraphQLError } from 'graphql';
import type { ClientKind, Viewer } from './viewer.js';

export const VIEWER_HEADER = 'x-customs-viewer';
const AUDIENCE = 'customs-gateway-subgraphs';
const ISSUER = 'customs-gateway';
const REUSE_MS = 20_000;

export class InternalSigner {
  private readonly key: Uint8Array;
  private readonly verified = new Map<string, { viewer: Viewer; exp: number }>();
  private readonly signed = new Map<string, { token: Promise<string>; at: number }>();

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the internal secret must be at least 32 characters');
    this.key = new TextEncoder().encode(secret);
  }

  /**
   * The token for a viewer. The same viewer gets the same token for up to REUSE_MS of its 60 s life
   * (every call left has at least 40 s, far beyond the request deadline): no signing per request at the
   * gateway, and the subgraphs' verification cache hits.
   */
  sign(viewer: Viewer): Promise<string> {
    const key = JSON.stringify([viewer.clientId, viewer.administrationCode, viewer.kind, viewer.scopes, viewer.recognizes]);
    const now = Date.now();
    const cached = this.signed.get(key);
    if (cached && now - cached.at < REUSE_MS) return cached.token;
    const token = new SignJWT({ adm: viewer.administrationCode, knd: viewer.kind, scp: viewer.scopes, rec: viewer.recognizes })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(viewer.clientId)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(this.key);
    if (this.signed.size > 10_000) this.signed.clear();
    this.signed.set(key, { token, at: now });
    token.catch(() => this.signed.delete(key));
    return token;
  }

  /** Verifies the header; throws UNAUTHENTICATED (HTTP 401) when it is missing or invalid. */
  async verify(header: string | undefined): Promise<Viewer> {
    if (!header) throw unauthenticated('This service only answers the customs gateway.');
    const now = Math.floor(Date.now() / 1000);
    const cached = this.verified.get(header);
    if (cached && cached.exp > now) return cached.viewer;
    try {
      const { payload } = await jwtVerify(header, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const viewer: Viewer = {
        clientId: String(payload.sub),
        administrationCode: String(payload.adm),
        kind: payload.knd as ClientKind,
        scopes: (payload.scp as string[]) ?? [],
        recognizes: (payload.rec as string[]) ?? [],
      };
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(header, { viewer, exp: payload.exp ?? now });
      return viewer;
    } catch {
      throw unauthenticated('This service only answers the customs gateway.');
    }
  }
}

function unauthenticated(message: string) {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
