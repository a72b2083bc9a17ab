/**
 * Trusted token issuers: one per partner administration (its identity provider's JWKS), plus a local
 * development issuer whose key lives in a file the `token` script and the gateway share.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

export const DEV_ISSUER = 'customs-gateway-dev';

export interface TrustedIssuer {
  issuer: string;
  /** Administrations whose clients this issuer may vouch for; '*' for any (the dev issuer only). */
  administrations: string[];
  keys: JWTVerifyGetKey;
  /** The longest token lifetime (exp - iat) accepted from this issuer, in seconds; the configured default when absent. */
  maxTokenLifetimeSeconds?: number;
}

const issuerFileSchema = z.object({
  issuers: z.array(
    z
      .object({
        issuer: z.string().min(1),
        administrations: z.array(z.string().min(1)).min(1),
        jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).optional(),
        jwksUrl: z.url().optional(),
        /** Seconds; tokens living longer (exp - iat) are refused. TOKEN_MAX_LIFETIME_SECONDS when absent. */
        maxTokenLifetimeSeconds: z.number().int().positive().optional(),
      })
      .refine((i) => !!i.jwks !== !!i.jwksUrl, 'give exactly one of jwks (inline keys) or jwksUrl'),
  ),
});

export function loadTrustedIssuers(file: string): TrustedIssuer[] {
  const parsed = issuerFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`trusted issuers ${file} are invalid:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data.issuers.map((i) => ({
    issuer: i.issuer,
    administrations: i.administrations,
    keys: i.jwks ? createLocalJWKSet(i.jwks) : createRemoteJWKSet(new URL(i.jwksUrl!)),
    maxTokenLifetimeSeconds: i.maxTokenLifetimeSeconds,
  }));
}

interface DevKeyFile {
  privateJwk: JWK;
  publicJwk: JWK;
}

/** Reads the development issuer's key pair, creating it on first use. */
export async function devIssuerKeys(file: string): Promise<DevKeyFile> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevKeyFile;
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const keys: DevKeyFile = {
    privateJwk: { ...(await exportJWK(privateKey)), alg: 'EdDSA', kid: 'dev-1' },
    publicJwk: { ...(await exportJWK(publicKey)), alg: 'EdDSA', kid: 'dev-1' },
  };
  // Several processes may start at once: write aside, then link into place (atomic, first one wins).
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, JSON.stringify(keys, null, 2), { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as DevKeyFile;
}

export async function devIssuer(file: string): Promise<TrustedIssuer> {
  const { publicJwk } = await devIssuerKeys(file);
  return { issuer: DEV_ISSUER, administrations: ['*'], keys: createLocalJWKSet({ keys: [publicJwk] }) };
}

export interface TokenClaims {
  clientId: string;
  administration: string;
  scopes: string[];
  audience: string;
  expiresIn?: string;
}

/** Mints a token from the development issuer (the `token` script and the tests). */
export async function mintDevToken(file: string, claims: TokenClaims): Promise<string> {
  const { privateJwk } = await devIssuerKeys(file);
  const key = await importJWK(privateJwk, 'EdDSA');
  return new SignJWT({ adm: claims.administration, scope: claims.scopes.join(' ') })
    .setProtectedHeader({ alg: 'EdDSA', kid: privateJwk.kid })
    .setIssuer(DEV_ISSUER)
    .setSubject(claims.clientId)
    .setAudience(claims.audience)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h')
    .sign(key);
}
