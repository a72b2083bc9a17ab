/** The recognition explorer in real Chromium: trusted documents only, nothing external. */
import { access, constants } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Request } from 'playwright-core';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { missingService, skipWhenMissing, howToInstallChromium } from '../../support/services.js';
import { CHROMIUM, launchChromium, openPage, type GuardedPage } from './browser.js';

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

/** Records every GraphQL request body the page sends. */
function graphqlBodies(p: GuardedPage): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  p.page.on('request', (request: Request) => {
    if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') bodies.push(JSON.parse(request.postData() ?? '{}'));
  });
  return bodies;
}

async function withPage(name: string, token: string | undefined, run: (p: GuardedPage) => Promise<void>) {
  const p = await openPage(browser, { token });
  try {
    await run(p);
    expect(p.external).toEqual([]);
    expect(p.errors).toEqual([]);
    expect(p.cspViolations).toEqual([]);
  } catch (error) {
    await p.screenshot(`${name}-failed`).catch(() => {});
    throw error;
  } finally {
    await p.context.close();
  }
}

describe('recognition explorer', () => {
  it('DEMO-KR-CA-0001: the chain to CA-CBSA with benefits, by trusted documents only', async () => {
    await withPage('explorer-recognized', await stack.token('kr-kcs-analyst'), async (p) => {
      const bodies = graphqlBodies(p);
      await p.page.goto(`${stack.url}/explorer`);
      await p.page.getByTestId('lookup-input').fill('DEMO-KR-CA-0001');
      await p.page.getByTestId('lookup-submit').click();
      const verdict = p.page.getByTestId('verdict');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-recognized')).toBe('true');
      expect(await verdict.textContent()).toMatch(/Recognized.*CA-CBSA.*2024-04-16/);
      const chain = p.page.getByTestId('chain').first();
      expect(await chain.getByTestId('recognizing-administration').textContent()).toContain('CA-CBSA');
      expect(await chain.textContent()).toMatch(/KR-AEO.*MRA-KR-CA/s);
      expect(await chain.getByTestId('benefit').count()).toBeGreaterThan(0);
      expect(await p.page.locator('[data-testid="finding"][data-code="RECOGNIZED"]').count()).toBe(1);
      await p.page.locator('[data-testid="network-svg"] line').first().waitFor();
      await p.screenshot('explorer-recognized');
      expect(bodies.length).toBeGreaterThanOrEqual(2);
      for (const body of bodies) {
        expect(body.query).toBeUndefined();
        expect(body.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
      }
    });
  });

  it('DEMO-KR-US-SUSPENDED: not recognized, with the CERTIFICATION_SUSPENDED finding', async () => {
    // KR-KCS sees its operator's certification (US-CBP may not since US-Korea has no documented date of application).
    await withPage('explorer-suspended', await stack.token('kr-kcs-analyst'), async (p) => {
      await p.page.goto(`${stack.url}/explorer?ref=DEMO-KR-US-SUSPENDED`);
      const verdict = p.page.getByTestId('verdict');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-recognized')).toBe('false');
      const finding = p.page.locator('[data-testid="finding"][data-code="CERTIFICATION_SUSPENDED"]');
      await finding.waitFor();
      expect(await finding.textContent()).toMatch(/suspended/i);
      expect(await p.page.getByTestId('certification').first().textContent()).toMatch(/SUSPENDED/);
      await p.screenshot('explorer-suspended');
    });
  });

  it('DEMO-KR-US-0001: UNDETERMINED is shown as such, never as "not recognized"', async () => {
    await withPage('explorer-undetermined', await stack.token('kr-kcs-analyst'), async (p) => {
      await p.page.goto(`${stack.url}/explorer?ref=DEMO-KR-US-0001`);
      const verdict = p.page.getByTestId('verdict');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-outcome')).toBe('UNDETERMINED');
      expect(await verdict.textContent()).toMatch(/Undetermined/);
      expect(await verdict.textContent()).not.toMatch(/Not recognized/);
      await p.page.locator('[data-testid="finding"][data-code="EFFECTIVE_DATE_UNKNOWN"]').waitFor();
    });
  });

  it('an operator: its certifications and who recognizes it on a date', async () => {
    await withPage('explorer-operator', await stack.token('kr-kcs-analyst'), async (p) => {
      await p.page.goto(`${stack.url}/explorer?ref=OP-KR-DEMO-0001&asOf=2024-03-15`);
      const verdict = p.page.getByTestId('verdict');
      await verdict.waitFor();
      expect(await verdict.textContent()).toMatch(/Recognized on 2024-03-15 by .*CA-CBSA/);
      expect(await p.page.getByTestId('chain').count()).toBeGreaterThan(0);
      await p.page.getByTestId('certification').first().waitFor();
      await p.screenshot('explorer-operator');
    });
  });

  it('the MRA network: programmes as nodes, agreements as edges, growing from 2007, filtered by administration', async () => {
    await withPage('explorer-network', await stack.token('us-cbp-analyst'), async (p) => {
      await p.page.goto(`${stack.url}/explorer`);
      const svg = p.page.getByTestId('network-svg');
      await svg.locator('line').first().waitFor();
      const nodes = await svg.locator('g.node').count();
      const today = await svg.locator('line').count();
      expect(nodes).toBeGreaterThan(10);
      // US-Korea is signed with no documented entry into force (prisma/seed/VERIFICATION.md); Korea-Canada is in force.
      expect(await svg.locator('line[data-agreement="MRA-US-KR"][data-status="SIGNED"]').count()).toBe(1);
      expect(await svg.locator('line[data-agreement="MRA-KR-CA"][data-status="IN_FORCE"]').count()).toBe(1);
      await p.screenshot('explorer-network-today');

      const slider = p.page.getByTestId('network-date');
      await slider.focus();
      await p.page.keyboard.press('Home');
      await p.page.getByTestId('network-date-label').filter({ hasText: '2007-01-01' }).waitFor();
      const in2007 = await svg.locator('line').count();
      expect(in2007).toBeLessThan(today);
      expect(await svg.locator('line[data-agreement="MRA-US-KR"]').count()).toBe(0);
      await p.page.getByTestId('network-agreements').scrollIntoViewIfNeeded();
      await p.screenshot('explorer-network-2007');

      await p.page.keyboard.press('End');
      await p.page.getByTestId('network-admin').selectOption('KR-KCS');
      await svg.locator('line').first().waitFor();
      const korean = await svg.locator('line').evaluateAll((lines) => lines.map((l) => l.getAttribute('data-agreement')));
      expect(korean.length).toBeGreaterThan(0);
      expect(korean.length).toBeLessThan(today);
      expect(korean).toContain('MRA-US-KR');
      await p.screenshot('explorer-network-kr');
    });
  });

  it('without a token: says how to get one', async () => {
    await withPage('explorer-no-token', undefined, async (p) => {
      p.page.on('console', () => {}); // the 401s are expected
      await p.page.goto(`${stack.url}/explorer?ref=DEMO-KR-US-0001`);
      const error = p.page.getByTestId('error').first();
      await error.waitFor();
      expect(await error.textContent()).toMatch(/UNAUTHENTICATED.*npm run --silent token/);
      p.errors.length = 0;
    });
  });
});
