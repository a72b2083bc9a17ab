/**
 * `npm run build:web` (also run by `npm run generate`, so by `npm install`): bundles the GraphiQL
 * playground and the recognition explorer with esbuild into src/playground/dist/ (not committed).
 *
 * Everything a page needs is in dist/: hashed JS and CSS, code-split chunks, fonts, and the three
 * Monaco web workers GraphiQL 5 uses (editor, JSON, GraphQL), each a classic worker script loaded
 * from the gateway. No license comment (and so no URL) is kept; nothing is fetched from elsewhere.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { projectRoot } from '../platform/paths.js';
import { stripExternalUrls, stripFontUrls } from './urls.js';
import { assetsDir, buildInfoPath, distDir, playgroundDir, type BuildInfo, type PageName } from './build-info.js';

const resolvePackageFile = (specifier: string) => fileURLToPath(import.meta.resolve(specifier));

/** Rewrites the libraries' absolute URLs before bundling (see urls.ts). */
const noExternalUrls: Plugin = {
  name: 'no-external-urls',
  setup(b) {
    b.onLoad({ filter: /node_modules[\\/].*\.(?:js|mjs|cjs|css)$/ }, (args) => ({
      contents: stripExternalUrls(readFileSync(args.path, 'utf8')),
      loader: args.path.endsWith('.css') ? 'css' : 'js',
    }));
    b.onLoad({ filter: /\.(?:ttf|otf|woff)$/ }, (args) => ({ contents: stripFontUrls(readFileSync(args.path)), loader: 'file' }));
  },
};

const common: BuildOptions = {
  plugins: [noExternalUrls],
  bundle: true,
  minify: true,
  legalComments: 'none',
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  metafile: true,
  absWorkingDir: projectRoot,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  outdir: assetsDir,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
};

/** The output file (relative to dist/assets) built from an entry point, and its CSS bundle. */
function outputOf(metafile: Metafile, entry: string): { js: string; css?: string } {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (output.entryPoint && join(projectRoot, output.entryPoint) === entry) {
      const name = (f: string) => relative(assetsDir, join(projectRoot, f));
      return { js: name(file), css: output.cssBundle ? name(output.cssBundle) : undefined };
    }
  }
  throw new Error(`esbuild produced no output for ${entry}`);
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function pageHtml(title: string, files: { js: string; css?: string }, bodyClass: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '<link rel="icon" href="data:,">',
    files.css ? `<link rel="stylesheet" href="/assets/${files.css}">` : '',
    `<script type="module" src="/assets/${files.js}"></script>`,
    '</head>',
    `<body class="${bodyClass}">`,
    '<div id="root"><noscript>This page needs JavaScript.</noscript></div>',
    '</body>',
    '</html>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
}

export async function buildWeb(): Promise<BuildInfo> {
  rmSync(distDir, { recursive: true, force: true });
  mkdirSync(assetsDir, { recursive: true });

  // 1. Monaco's workers, as classic (IIFE) scripts with hashed names.
  const workerEntries = {
    'editor.worker': resolvePackageFile('monaco-editor/esm/vs/editor/editor.worker.js'),
    'json.worker': resolvePackageFile('monaco-editor/esm/vs/language/json/json.worker.js'),
    'graphql.worker': resolvePackageFile('monaco-graphql/esm/graphql.worker.js'),
  };
  const workers = await build({ ...common, entryPoints: workerEntries, format: 'iife', splitting: false });
  const workerFiles = Object.fromEntries(
    Object.entries(workerEntries).map(([name, file]) => [name.replace('.worker', ''), outputOf(workers.metafile!, file).js]),
  );

  // 2. The pages: ES modules with code splitting (Monaco and prettier load lazily).
  const pageEntries: Record<PageName, string> = {
    playground: join(playgroundDir, 'web', 'playground.ts'),
    explorer: join(playgroundDir, 'web', 'explorer.ts'),
  };
  const pages = await build({
    ...common,
    entryPoints: pageEntries,
    format: 'esm',
    splitting: true,
    define: { ...common.define, __MONACO_WORKERS__: JSON.stringify(workerFiles) },
  });

  const titles: Record<PageName, string> = {
    playground: 'customs-gateway · GraphQL playground',
    explorer: 'customs-gateway · recognition explorer',
  };
  const htmlFiles = {} as Record<PageName, string>;
  for (const name of Object.keys(pageEntries) as PageName[]) {
    const file = `${name}.html`;
    writeFileSync(join(distDir, file), pageHtml(titles[name], outputOf(pages.metafile!, pageEntries[name]), name));
    htmlFiles[name] = file;
  }
  const assets = [...Object.keys(workers.metafile!.outputs), ...Object.keys(pages.metafile!.outputs)].map((f) => basename(f)).sort();
  const info: BuildInfo = { builtAt: new Date().toISOString(), pages: htmlFiles, assets };
  writeFileSync(buildInfoPath, JSON.stringify(info, null, 2) + '\n');
  return info;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const info = await buildWeb();
  process.stdout.write(`built src/playground/dist (${info.assets.length} assets, ${Date.now() - started} ms)\n`);
}
