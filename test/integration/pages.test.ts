/**
 * The pages the gateway serves (playground, explorer, their assets): content types, cache headers,
 * a strict Content-Security-Policy, no URL to any other host in anything served, and GraphQL
 * clients on GET /graphql still get GraphQL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInfoPath, distDir, type BuildInfo } from '../../src/playground/build-info.js';
import { externalUrls } from '../../src/playground/urls.js';
import { readManifest } from '../../src/gateway/documents.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let build: BuildInfo;
beforeAll(async () => {
  build = JSON.parse(readFileSync(buildInfoPath, 'utf8')) as BuildInfo; // `npm run build:web` (npm install runs it)
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('pages', () => {
  it.each([
    ['/playground', 'playground'],
    ['/playground/', 'playground'],
    ['/graphql', 'playground'],
    ['/explorer', 'explorer'],
  ])('GET %s from a browser: the %s page, with a strict CSP and no external URL', async (path, page) => {
    const res = await fetch(`${stack.url}${path}`, { headers: { accept: HTML } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/https?:|\*|unsafe-eval/);
    if (page === 'explorer') expect(csp).not.toMatch(/unsafe-inline/);
    const html = await res.text();
    expect(html).toContain(`<title>customs-gateway`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
    expect(externalUrls(html, stack.url)).toEqual([]);
    for (const ref of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) expect(build.assets).toContain(ref[1].slice('/assets/'.length));
  });

  it('serves every built asset with its content type and a long cache; none contains a URL to another host', async () => {
    const types: Record<string, RegExp> = { js: /^text\/javascript/, css: /^text\/css/, ttf: /^font\/ttf$/, woff2: /^font\/woff2$/ };
    expect(build.assets.some((a) => /worker-.*\.js$/.test(a))).toBe(true);
    for (const asset of build.assets) {
      const res = await fetch(`${stack.url}/assets/${asset}`);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('content-type'), asset).toMatch(types[asset.split('.').pop()!] ?? /./);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.equals(readFileSync(join(distDir, 'assets', asset))), asset).toBe(true);
      // Binary fonts too: their metadata is read as Latin-1 and as UTF-16.
      const texts = [body.toString('latin1'), body.toString('utf16le'), body.subarray(1).toString('utf16le')];
      for (const text of texts) expect(externalUrls(text, stack.url), asset).toEqual([]);
    }
  });

  it('serves the trusted documents for the pages', async () => {
    const res = await fetch(`${stack.url}/operations/manifest.json`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(readManifest());
  });

  it('answers HEAD, refuses other methods, and serves nothing outside the build', async () => {
    const head = await fetch(`${stack.url}/playground`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${stack.url}/explorer`, { method: 'POST' })).status).toBe(405);
    for (const path of ['/assets/nope.js', '/assets/..%2Fbuild.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/']) {
      expect((await fetch(`${stack.url}${path}`)).status, path).toBe(404);
    }
  });
});

describe('GraphQL clients on /graphql are not given the page', () => {
  it('GET with Accept: application/json is GraphQL (JSON errors, not HTML)', async () => {
    const res = await fetch(stack.graphqlUrl, { headers: { accept: 'application/json' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect((await res.json()).errors.length).toBeGreaterThan(0);
  });

  it('GET with a query, even from a browser, is GraphQL', async () => {
    const token = await stack.token('us-cbp-analyst');
    const res = await fetch(`${stack.graphqlUrl}?query=${encodeURIComponent('{ programs { code } }')}`, {
      headers: { accept: HTML, authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect((await res.json()).data.programs.length).toBeGreaterThan(0);
  });

  it('POST is GraphQL', async () => {
    const res = await stack.post('{ programs { code } }');
    expect(res.status).toBe(200);
    expect(res.body.data!.programs.length).toBeGreaterThan(0);
  });
});
