/**
 * `npm start` runs the compiled JavaScript (dist/src/main.js, built by `npm run build`: src/cli/build.ts), not the
 * TypeScript sources through tsx. Checked here: the build mirrors every server module and keeps dist/ in step with
 * the sources, and the compiled server started on a new database finds its migrations, seed data and schema from
 * dist/ (the project root is found from the module's location) and answers the headline question.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer, compiledPath, distRoot, SERVER_FOLDERS } from '../../src/cli/build.js';
import { projectRoot } from '../../src/platform/paths.js';
import { mintDevToken } from '../../src/gateway/identity/issuers.js';
import { buildManifest } from '../../src/gateway/documents.js';
import { freePort } from '../support/processes.js';
import { devIssuerKeyFile, tmpDir } from '../support/paths.js';

const sources = (folder: string): string[] =>
  readdirSync(join(projectRoot, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(projectRoot, join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith('src/playground/web/') && !f.startsWith('src/playground/dist/'));

describe('npm run build: the server compiled into dist/', () => {
  it('has a compiled module for every server source, at the same path under dist/', async () => {
    const { modules } = await buildServer();
    const expected = SERVER_FOLDERS.flatMap(sources);
    expect(modules).toBe(expected.length);
    expect(expected).toContain('src/main.ts');
    for (const source of expected) expect(existsSync(compiledPath(source)), source).toBe(true);
    expect(compiledPath('src/main.ts')).toBe(join(distRoot, 'src', 'main.js'));
  });

  it('rewrites nothing when nothing changed, and removes compiled modules whose source is gone', async () => {
    const stale = join(distRoot, 'src', `no-such-source-${process.pid}.js`);
    writeFileSync(stale, 'export {};\n');
    writeFileSync(`${stale}.map`, '{}');
    const { written } = await buildServer();
    expect(written).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(`${stale}.map`)).toBe(false);
  });

  it('is the script npm start runs, after building', () => {
    const { scripts } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.prestart).toBe('npm run --silent build');
    expect(scripts.start).toMatch(/ exec node (--[\w-]+(=\S+)? )*dist\/src\/main\.js$/);
    expect(scripts.start).not.toMatch(/tsx/);
  });
});

describe('the compiled server on a new database', () => {
  const folder = join(tmpDir, `compiled-start-${process.pid}`);
  let stop = () => {};
  afterAll(() => {
    stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('migrates and seeds it, then answers the headline question (node without tsx, started outside the project folder)', async () => {
    mkdirSync(folder, { recursive: true });
    const port = await freePort();
    const child = spawn(process.execPath, [compiledPath('src/main.ts')], {
      cwd: folder, // paths come from the modules' location, not the working directory
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: `file:${join(folder, 'new.db')}`,
        SEED_OPERATORS: '20',
        SEED_SHIPMENTS: '50',
        DEV_ISSUER_KEY_FILE: devIssuerKeyFile,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stop = () => child.kill('SIGKILL');
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const deadline = Date.now() + 60_000;
    while (!output.includes('listening on')) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${output}`);
      if (Date.now() > deadline) throw new Error(`did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readFileSync(`/proc/${child.pid}/maps`, 'utf8')).not.toMatch(/node_modules\/tsx\//);

    const token = await mintDevToken(devIssuerKeyFile, { clientId: 'us-cbp-analyst', administration: 'US-CBP', scopes: ['read'], audience: 'customs-gateway' });
    const headline = buildManifest().operations.find((o) => o.name === 'ShipmentRecognition')!;
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ documentId: `sha256:${headline.id}`, variables: { reference: 'DEMO-EU-US-0001' } }),
    });
    const body = (await res.json()) as { data?: { shipment?: { reference: string; recognition?: { outcome: string } } }; errors?: unknown[] };
    expect(res.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.shipment?.reference).toBe('DEMO-EU-US-0001');
    expect(body.data?.shipment?.recognition?.outcome).toBe('RECOGNIZED');
  }, 90_000);
});
