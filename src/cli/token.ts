/**
 * `npm run --silent token -- <clientId> [--expires-in 8h]`: prints a bearer token for a registered
 * client from the local development issuer (never enabled in production).
 */
import { ConfigError, loadConfig } from '../config.js';
import { loadClientRegistry } from '../gateway/identity/clients.js';
import { mintDevToken } from '../gateway/identity/issuers.js';

try {
  const config = loadConfig();
  const [clientId, flag, value] = process.argv.slice(2);
  const clients = loadClientRegistry(config.identity.clientRegistryFile);
  if (!clientId) {
    process.stderr.write(
      `usage: npm run --silent token -- <clientId> [--expires-in 8h]\nclients: ${clients
        .all()
        .map((c) => c.id)
        .join(', ')}\n`,
    );
    process.exit(2);
  }
  if (!config.identity.devIssuer) {
    process.stderr.write('The development issuer is off (DEV_ISSUER=off or NODE_ENV=production): get a token from your identity provider.\n');
    process.exit(2);
  }
  const client = clients.get(clientId);
  if (!client) {
    process.stderr.write(
      `Unknown client ${JSON.stringify(clientId)}. Registered: ${clients
        .all()
        .map((c) => c.id)
        .join(', ')}\n`,
    );
    process.exit(2);
  }
  const token = await mintDevToken(config.identity.devIssuerKeyFile, {
    clientId: client.id,
    administration: client.administration,
    scopes: client.scopes,
    audience: config.identity.audience,
    expiresIn: flag === '--expires-in' && value ? value : undefined,
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
