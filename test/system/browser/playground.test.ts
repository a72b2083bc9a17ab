/** The GraphiQL playground in real Chromium, with no request allowed to leave the machine. */
import { access, constants } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { missingService, skipWhenMissing, howToInstallChromium } from '../../support/services.js';
import { CHROMIUM, launchChromium, openPage } from './browser.js';

let stack: TestStack;
let browser: Browser;
const chromiumMissing = await missingService(`Chromium at ${CHROMIUM}`, () => access(CHROMIUM, constants.X_OK), howToInstallChromium);
skipWhenMissing(() => chromiumMissing);
beforeAll(async () => {
  if (chromiumMissing) return;
  [stack, browser] = await Promise.all([startTestStack(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('playground', () => {
  it('with a token of a client that is not an analyst: says introspection is for analysts', async () => {
    const p = await openPage(browser, { token: await stack.token('web-explorer') });
    try {
      await p.page.goto(`${stack.url}/playground`);
      const status = p.page.locator('[data-testid="schema-status"][data-state="failed"]');
      await status.waitFor({ timeout: 15_000 });
      expect(await status.textContent()).toMatch(/analysts only.*FORBIDDEN.*analyst token/);
      expect(p.external).toEqual([]);
    } finally {
      await p.context.close();
    }
  });

  it('without a token: loads, nothing external, and says why the schema is missing', async () => {
    const p = await openPage(browser);
    try {
      await p.page.goto(`${stack.url}/playground`);
      const status = p.page.getByTestId('schema-status');
      await status.and(p.page.locator('[data-state="failed"]')).waitFor({ timeout: 15_000 });
      expect(await status.textContent()).toMatch(/could not be loaded.*UNAUTHENTICATED/);
      await p.page.locator('.graphiql-container').waitFor();
      await p.screenshot('playground-no-token');
      expect(p.external).toEqual([]);
    } finally {
      await p.context.close();
    }
  });

  it('with an analyst token: schema loaded, the headline query runs and answers "recognized"', async () => {
    const p = await openPage(browser);
    try {
      await p.page.goto(`${stack.graphqlUrl}`); // a browser asking /graphql gets the playground
      await p.page.locator('[data-testid="schema-status"][data-state="failed"]').waitFor({ timeout: 15_000 });
      await p.page.getByTestId('token-input').fill(await stack.token('us-cbp-analyst'));
      p.errors.length = 0; // the 401s of the visit without a token
      await p.page.getByTestId('token-save').click();
      await p.page.locator('[data-testid="schema-status"][data-state="loaded"]').waitFor({ timeout: 15_000 });
      expect(await p.page.getByTestId('token-who').textContent()).toContain('us-cbp-analyst');
      // Monaco's icon font, served from the gateway (its vendor URL rewritten at build time), still loads.
      const codicon = await p.page.evaluate(async () => {
        await document.fonts.load('16px codicon');
        return [...document.fonts].filter((f) => f.family.includes('codicon')).map((f) => f.status);
      });
      expect(codicon.length).toBeGreaterThan(0);
      expect(codicon.every((status) => status === 'loaded')).toBe(true);
      await p.page.locator('.graphiql-query-editor .view-lines').filter({ hasText: 'ShipmentRecognition' }).waitFor();
      await p.page.locator('.graphiql-execute-button').click();
      await p.page.waitForFunction(
        () => {
          const monaco = (globalThis as { __MONACO?: { editor: { getModels(): { uri: { toString(): string }; getValue(): string }[] } } }).__MONACO;
          return monaco?.editor.getModels().some((m) => m.uri.toString().includes('response') && m.getValue().includes('"recognized"'));
        },
        undefined,
        { timeout: 15_000 },
      );
      const response = await p.page.evaluate(() => {
        const monaco = (globalThis as { __MONACO?: { editor: { getModels(): { uri: { toString(): string }; getValue(): string }[] } } }).__MONACO!;
        return monaco.editor
          .getModels()
          .find((m) => m.uri.toString().includes('response'))!
          .getValue();
      });
      const body = JSON.parse(response);
      expect(body.errors).toBeUndefined();
      expect(body.data.shipment.recognition.recognized).toBe(true);
      await p.page.locator('.graphiql-response').filter({ hasText: '"data"' }).waitFor();
      await p.screenshot('playground-headline');

      // The docs explorer has the schema; the trusted operations panel loads one into the editor.
      await p.page.getByLabel('Show Documentation Explorer').click();
      await p.page.locator('.graphiql-doc-explorer').filter({ hasText: 'Root Types' }).waitFor();
      await p.page.locator('.graphiql-doc-explorer a', { hasText: 'Query' }).first().click();
      await p.page.locator('.graphiql-doc-explorer').filter({ hasText: 'shipment' }).waitFor();
      await p.screenshot('playground-docs');
      await p.page.getByLabel('Show Trusted operations').click();
      await p.page.getByTestId('operation-AgreementNetwork').click();
      await p.page.locator('.graphiql-query-editor .view-lines').filter({ hasText: 'query AgreementNetwork' }).waitFor();
      await p.screenshot('playground-operations');
      expect(p.external).toEqual([]);
      expect(p.errors).toEqual([]);
      expect(p.cspViolations).toEqual([]);
    } catch (error) {
      await p.screenshot('playground-headline-failed');
      console.error(p.errors, p.cspViolations);
      throw error;
    } finally {
      await p.context.close();
    }
  });
});
