/** What the playground and the explorer share: the bearer token kept in this browser, and the trusted documents. */

export const TOKEN_KEY = 'customs-gateway.token';
/** How to get a development token (README: Playground). */
export const TOKEN_COMMAND = 'npm run --silent token -- us-cbp-analyst';

export function readToken(): string | null {
  try {
    const token = localStorage.getItem(TOKEN_KEY)?.trim();
    return token ? token : null;
  } catch {
    return null;
  }
}

export function saveToken(token: string | null) {
  const value = token?.trim().replace(/^Bearer\s+/i, '');
  if (value) localStorage.setItem(TOKEN_KEY, value);
  else localStorage.removeItem(TOKEN_KEY);
}

export interface TokenClaims {
  sub?: string;
  adm?: string;
  exp?: number;
}

/** The token's claims, read (not verified: the gateway verifies) to show who the page calls as. */
export function tokenClaims(token: string | null): TokenClaims | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    return JSON.parse(json) as TokenClaims;
  } catch {
    return null;
  }
}

export function describeToken(token: string | null): string {
  const claims = tokenClaims(token);
  if (!claims) return token ? 'a token that is not a JWT' : 'no token';
  const expires = claims.exp ? new Date(claims.exp * 1000) : null;
  const expired = expires && expires.getTime() < Date.now();
  return `${claims.sub ?? '?'} (${claims.adm ?? '?'})${expires ? (expired ? `, expired ${expires.toISOString().slice(0, 16).replace('T', ' ')} UTC` : `, valid until ${expires.toISOString().slice(0, 16).replace('T', ' ')} UTC`) : ''}`;
}

export interface TrustedOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

/** The gateway's trusted documents (schema/operations/manifest.json), served at /operations/manifest.json. */
export async function loadTrustedOperations(): Promise<TrustedOperation[]> {
  const res = await fetch('/operations/manifest.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`could not load the trusted operations (HTTP ${res.status})`);
  const manifest = (await res.json()) as { operations: TrustedOperation[] };
  return manifest.operations;
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message);
  }
}
