/**
 * `npm run build` (run by `npm start` before it starts: its `prestart` script): compiles the server's TypeScript to
 * JavaScript in dist/ (not committed), one file per module in the same folders (dist/src/..., dist/prisma/seed/...),
 * so that `npm start` runs plain JavaScript on Node.js instead of compiling through tsx's loader hooks at run time.
 *
 * Why (docs/performance.md, "Compiled JavaScript at run time"): tsx's hooks run in every process for as long as it
 * lives. They cost memory (a hooks thread, its own heap) and CPU on every request that resolves a module (the
 * gateway's hashing helper requires `crypto` per call). The compilation is esbuild's, which is also what tsx uses,
 * so the JavaScript is the same as tsx produces; types are checked by `npm run typecheck`, not here.
 *
 *   npm run build [-- --also test/bench]    also compile another folder (the benchmark compiles its harness)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { projectRoot } from '../platform/paths.js';

/** Where the compiled modules go, each at its source's path below it (src/main.ts: dist/src/main.js). */
export const distRoot = join(projectRoot, 'dist');

/** The folders `npm start` runs code from: the server and the seed it imports for a new database. */
export const SERVER_FOLDERS = ['src', 'prisma/seed'] as const;

/** Browser code and its build output: the playground's own bundle (src/playground/build.ts) serves them. */
const NOT_SERVER = ['src/playground/web', 'src/playground/dist'];

/** The compiled path of a source module (`src/main.ts` → `<root>/dist/src/main.js`). */
export const compiledPath = (source: string) => join(distRoot, source.replace(/\.ts$/, '.js'));

function typeScriptFiles(folder: string): string[] {
  return readdirSync(join(projectRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(projectRoot, join(entry.parentPath, entry.name)))
    .filter((file) => !NOT_SERVER.some((excluded) => file.startsWith(`${excluded}/`)));
}

/**
 * Compiles the folders' modules (default: the server's) into dist/. Only files whose content changed are written
 * (each to a temporary file, then renamed over the old one), and compiled files whose source is gone are removed,
 * so that a build beside a running process or a concurrent build (two test runs) never shows a half-written module.
 */
export async function buildServer(folders: readonly string[] = SERVER_FOLDERS): Promise<{ modules: number; written: number }> {
  const entryPoints = folders.flatMap(typeScriptFiles).sort();
  const { outputFiles } = await build({
    entryPoints,
    absWorkingDir: projectRoot,
    outdir: distRoot,
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Linked maps: NODE_OPTIONS=--enable-source-maps makes stack traces name the TypeScript lines (off by default: it slows every stack).
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  });
  let written = 0;
  for (const file of outputFiles) {
    if (existsSync(file.path) && Buffer.compare(readFileSync(file.path), file.contents) === 0) continue;
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    written++;
  }
  const current = new Set(outputFiles.map((f) => f.path));
  for (const folder of folders) {
    const dir = join(distRoot, folder);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      if (entry.isFile() && /\.js(\.map)?$/.test(entry.name) && !current.has(path)) rmSync(path, { force: true });
    }
  }
  return { modules: entryPoints.length, written };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const also: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--also' && args[i + 1]) also.push(args[++i]);
    else {
      process.stderr.write(`unknown argument: ${args[i]} (usage: npm run build [-- --also <folder>])\n`);
      process.exit(2);
    }
  }
  try {
    const { modules, written } = await buildServer([...SERVER_FOLDERS, ...also]);
    process.stdout.write(`compiled ${modules} modules into ${relative(projectRoot, distRoot)}/ (${written} files changed)\n`);
  } catch (error) {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
