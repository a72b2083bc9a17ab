import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root (where package.json, schema/ and prisma/ are): the nearest folder above this module that holds a
 * package.json. The same whether the module runs from its TypeScript source (src/platform/) or from the compiled
 * JavaScript `npm start` runs (dist/src/platform/; src/cli/build.ts).
 */
export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
