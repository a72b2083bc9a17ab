/** `npm run --silent token -- <clientId>`: the development issuer's tokens work against the real gateway. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoErrors, startTestStack, type TestStack, type Json } from '../support/stack.js';
import { devIssuerKeyFile } from '../support/paths.js';
import { projectRoot } from '../../src/platform/paths.js';
import { buildManifest } from '../../src/gateway/documents.js';

const run = promisify(execFile);
const tokenCli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/token.ts', ...args], { cwd: projectRoot, env: { ...process.env, DEV_ISSUER_KEY_FILE: devIssuerKeyFile } });

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

describe('token CLI', () => {
  it('prints a token with which kr-kcs-partner runs the headline trusted document by hash', async () => {
    const { stdout } = await tokenCli('kr-kcs-partner');
    const token = stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const id = buildManifest().operations.find((o) => o.name === 'ShipmentRecognition')!.id;
    const res = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ variables: { reference: 'DEMO-KR-CA-0001' }, extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
    });
    const data = expectNoErrors<Json>({ status: res.status, headers: res.headers, body: (await res.json()) as { data?: Json } });
    expect(data.shipment.recognition.recognized).toBe(true);
  });

  it('refuses an unknown client with a clear message and a non-zero exit', async () => {
    const failure = await tokenCli('nobody').then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/Unknown client "nobody"[\s\S]*kr-kcs-partner/);
  });
});
