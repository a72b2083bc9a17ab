/**
 * `prisma generate` for both providers. The Prisma 7 CLI insists on locating a schema-engine binary
 * even though generation does not use it, and this network cannot download one: point it at any
 * existing file unless a real binary is configured.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);

for (const schema of [join(here, 'schema.prisma'), join(here, 'postgresql', 'schema.prisma')]) {
  const result = spawnSync(process.execPath, [join(here, '..', 'node_modules', 'prisma', 'build', 'index.js'), 'generate', '--schema', schema], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    process.stderr.write(`prisma generate failed for ${schema}\n`);
    process.exit(result.status ?? 1);
  }
}
