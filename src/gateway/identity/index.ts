import type { Config } from '../../config.js';
import { createAuthenticator, type Authenticator } from './authenticate.js';
import { loadClientRegistry, type ClientRegistry } from './clients.js';
import { devIssuer, loadTrustedIssuers, type TrustedIssuer } from './issuers.js';

export interface Identity {
  authenticator: Authenticator;
  clients: ClientRegistry;
  issuers: TrustedIssuer[];
}

/** Builds the authenticator from the configured client registry and trusted issuers. */
export async function createIdentity(config: Config): Promise<Identity> {
  const clients = loadClientRegistry(config.identity.clientRegistryFile);
  const issuers: TrustedIssuer[] = config.identity.trustedIssuersFile ? loadTrustedIssuers(config.identity.trustedIssuersFile) : [];
  if (config.identity.devIssuer) issuers.push(await devIssuer(config.identity.devIssuerKeyFile));
  const policy = { maxLifetimeSeconds: config.identity.tokenMaxLifetimeSeconds, clockSkewSeconds: config.identity.tokenClockSkewSeconds };
  return { clients, issuers, authenticator: createAuthenticator(issuers, clients, config.identity.audience, policy) };
}
