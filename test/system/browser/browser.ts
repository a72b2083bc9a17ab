/**
 * Real Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no browser is downloaded)
 * against the real stack. Every request that would leave the machine is failed and recorded, so a
 * test can assert that none was attempted.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../../src/platform/paths.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artifactsDir = join(projectRoot, 'test', 'artifacts');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true, timeout: 20_000 });
}

const isLocal = (url: string) => {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
};

export interface GuardedPage {
  context: BrowserContext;
  page: Page;
  /** Requests to any other host: failed before they left, recorded here. */
  external: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Content-Security-Policy violations reported by the page. */
  cspViolations: string[];
  screenshot(name: string): Promise<string>;
}

export async function openPage(browser: Browser, options: { token?: string; viewport?: { width: number; height: number } } = {}): Promise<GuardedPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, serviceWorkers: 'block' });
  const external: string[] = [];
  const errors: string[] = [];
  const cspViolations: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  if (options.token) {
    await context.addInitScript((token) => localStorage.setItem('customs-gateway.token', token), options.token);
  }
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (text.startsWith('CSP violation')) cspViolations.push(text);
    else errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return {
    context,
    page,
    external,
    errors,
    cspViolations,
    async screenshot(name) {
      mkdirSync(artifactsDir, { recursive: true });
      const path = join(artifactsDir, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
  };
}
