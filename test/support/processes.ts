/**
 * Child processes of the production topology, started as the README says (`npm start -- --only <part>`): node running
 * the compiled dist/src/main.js, which the suite's global setup builds first (test/support/global-setup.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { projectRoot } from '../../src/platform/paths.js';
import { compiledPath } from '../../src/cli/build.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Service {
  role: string;
  port: number;
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `dist/src/main.js --only <role>` (what `npm start -- --only <role>` runs) and waits until it listens. */
export async function startService(role: string, env: Record<string, string>, port?: number): Promise<Service> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, [compiledPath('src/main.ts'), '--only', role], {
    cwd: projectRoot,
    env: { ...process.env, ...env, PORT: String(p), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!out.includes('listening on')) {
    if (child.exitCode !== null) throw new Error(`${role} exited: ${out}`);
    if (Date.now() > deadline) throw new Error(`${role} did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { role, port: p, url: `http://127.0.0.1:${p}`, child, output: () => out, exited };
}

export async function stopService(service: Service | undefined) {
  if (!service || service.child.exitCode !== null) return;
  service.child.kill('SIGKILL');
  await service.exited;
}
