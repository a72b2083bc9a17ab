/**
 * The browser pages the gateway serves itself (GatewayOptions.pages): the GraphQL playground at
 * /playground (and at GET /graphql for a browser, that is a request that accepts text/html and
 * carries no GraphQL parameters), the recognition explorer at /explorer, their bundled assets at
 * /assets/<hashed name>, and the trusted documents at /operations/manifest.json.
 *
 * Files come from src/playground/dist (`npm run build:web`). Every response carries a strict
 * Content-Security-Policy: nothing but the gateway itself may be contacted.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import type { Manifest } from '../gateway/documents.js';
import { distDir, type BuildInfo, type PageName } from './build-info.js';

export interface PagesOptions {
  /** The trusted documents, listed in the playground and run by the explorer. */
  manifest: Manifest;
  /** Where the build is (default src/playground/dist). */
  distDir?: string;
}

export type PagesHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Scripts, workers, fetches, fonts and styles from the gateway only. Monaco (GraphiQL's editor)
 * writes <style> elements and style attributes at run time, hence 'unsafe-inline' for styles on the
 * playground only (styles cannot reach another origin under this policy); GraphiQL's fonts are
 * embedded as data: URLs. The explorer needs neither.
 */
export const CONTENT_SECURITY_POLICY: Record<PageName | 'asset', string> = {
  playground: [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    "worker-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  explorer: [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "font-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  /** Applies to the Monaco workers (a worker runs under its script's policy); other assets are not documents. */
  asset: "default-src 'self'; object-src 'none'; frame-ancestors 'none'",
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** A browser asking for a page: GET, accepts HTML, and no GraphQL parameters in the query string. */
export function wantsPlayground(req: IncomingMessage, url: URL): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (['query', 'documentId', 'extensions', 'operationName', 'variables'].some((p) => url.searchParams.has(p))) return false;
  return /\btext\/html\b/i.test(req.headers.accept ?? '');
}

interface Build {
  info: BuildInfo;
  dir: string;
}

export function createPages(options: PagesOptions): PagesHandler {
  const dir = options.distDir ?? distDir;
  const infoPath = join(dir, 'build.json');
  let build: Build | null = null;
  let builtMtime = -1;
  /** The current build, re-read after `npm run build:web` (one stat per request). */
  const current = (): Build | null => {
    const mtime = existsSync(infoPath) ? statSync(infoPath).mtimeMs : 0;
    if (mtime !== builtMtime) {
      builtMtime = mtime;
      build = mtime ? { info: JSON.parse(readFileSync(infoPath, 'utf8')) as BuildInfo, dir } : null;
    }
    return build;
  };
  const manifestJson = JSON.stringify(options.manifest);

  const send = (req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-length': String(Buffer.byteLength(body)), ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const notBuilt = (req: IncomingMessage, res: ServerResponse) =>
    send(
      req,
      res,
      503,
      { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      'The playground and the explorer are not built: run `npm run build:web` (npm install does it).\n',
    );

  const page = (req: IncomingMessage, res: ServerResponse, name: PageName) => {
    const b = current();
    if (!b) return notBuilt(req, res);
    send(
      req,
      res,
      200,
      {
        'content-type': CONTENT_TYPES['.html'],
        'cache-control': 'no-cache',
        'content-security-policy': CONTENT_SECURITY_POLICY[name],
        vary: 'Accept',
      },
      readFileSync(join(b.dir, b.info.pages[name])),
    );
  };

  return async (req, res, url) => {
    const path = url.pathname;
    const isPage = path === '/playground' || path === '/playground/' || path === '/explorer' || path === '/explorer/';
    const isAsset = path.startsWith('/assets/');
    const isManifest = path === '/operations/manifest.json';
    const isGraphqlPage = path === '/graphql' && wantsPlayground(req, url);
    if (!isPage && !isAsset && !isManifest && !isGraphqlPage) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, 'Method not allowed\n');
      return true;
    }
    if (isGraphqlPage || path.startsWith('/playground')) page(req, res, 'playground');
    else if (path.startsWith('/explorer')) page(req, res, 'explorer');
    else if (isManifest) {
      send(
        req,
        res,
        200,
        { 'content-type': CONTENT_TYPES['.json'], 'cache-control': 'no-cache', 'content-security-policy': CONTENT_SECURITY_POLICY.asset },
        manifestJson,
      );
    } else {
      const b = current();
      const name = decodeURIComponent(path.slice('/assets/'.length));
      if (!b) notBuilt(req, res);
      else if (!b.info.assets.includes(name)) {
        send(req, res, 404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, 'Not found\n');
      } else {
        send(
          req,
          res,
          200,
          {
            'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
            // Names carry a content hash: a new build has new names.
            'cache-control': 'public, max-age=31536000, immutable',
            'content-security-policy': CONTENT_SECURITY_POLICY.asset,
          },
          readFileSync(join(b.dir, 'assets', name)),
        );
      }
    }
    return true;
  };
}
