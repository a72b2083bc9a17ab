/**
 * The embedded stack in this process, on a copy of the benchmark's database, with the benchmark's client: for the
 * tools that look inside one request (profile.ts, fetches.ts). Requests go over loopback HTTP, as the harness's do.
 */
import { writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { startStack, type Stack } from '../../src/stack.js';
import { createLogger } from '../../src/platform/logger.js';
import { projectRoot } from '../../src/platform/paths.js';
import { devIssuerKeys, mintDevToken, DEV_ISSUER } from '../../src/gateway/identity/issuers.js';
import { benchDatabase, benchEnvironment, CLIENT, inputs, type Scenario } from './scenarios.js';

export interface InProcessBench {
  stack: Stack;
  /** The scenario's i-th request (its inputs in the harness's order), answered as JSON; a status other than 200 throws. */
  ask(i: number): Promise<unknown>;
  /** SQL statements sent so far. */
  sql(): number;
  stop(): Promise<void>;
}

export async function startInProcess(scenario: Scenario): Promise<InProcessBench> {
  const dataDir = join(projectRoot, 'test', 'bench', '.data');
  const file = await benchDatabase();
  const copy = join(dataDir, `in-process-${process.pid}.db`);
  copyFileSync(file, copy);
  const keyFile = join(dataDir, 'dev-issuer-key.json');
  await devIssuerKeys(keyFile);
  const keys = (await import(keyFile, { with: { type: 'json' } })) as { default: { publicJwk: object } };
  const issuers = join(dataDir, 'trusted-issuers.json');
  writeFileSync(
    issuers,
    JSON.stringify({ issuers: [{ issuer: DEV_ISSUER, administrations: [CLIENT.administration], jwks: { keys: [keys.default.publicJwk] } }] }),
  );
  const env = {
    ...process.env,
    ...benchEnvironment({ trustedIssuersFile: issuers, databaseUrl: `file:${copy}`, internalSecret: randomUUID() + randomUUID() }),
  };
  let sql = 0;
  const stack = await startStack(loadConfig(env), { onQuery: () => sql++, logger: createLogger('error') });
  const token = await mintDevToken(keyFile, {
    clientId: CLIENT.id,
    administration: CLIENT.administration,
    scopes: CLIENT.scopes,
    audience: 'customs-gateway',
    expiresIn: '1h',
  });
  const s = inputs(file)[scenario];
  return {
    stack,
    async ask(i) {
      const variables = s.variables[i % s.variables.length];
      const res = await fetch(stack.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(s.documentId ? { documentId: `sha256:${s.documentId}`, variables } : { query: s.query, variables }),
      });
      const json = (await res.json()) as unknown;
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
      return json;
    },
    sql: () => sql,
    async stop() {
      await stack.stop();
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(copy + suffix, { force: true });
    },
  };
}
