/**
 * The number of SQL statements per operation must not grow with the size of the lists in it:
 * per-request DataLoaders batch every entity and nested list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoErrors, startTestStack, type TestStack, type Json } from '../support/stack.js';
import { buildManifest } from '../../src/gateway/documents.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const listDocument = buildManifest().operations.find((o) => o.name === 'ShipmentsWithRecognition')!;

/** The registry snapshot's freshness probe (src/data/registry-snapshot.ts) runs once a second whatever the request: not counted. */
const freshnessProbe = /SUM\(["`]version["`]\)/;

async function statementsFor(first: number) {
  stack.sql.length = 0;
  const data = expectNoErrors(
    await stack.postBody<Json>(
      { documentId: `sha256:${listDocument.id}`, variables: { first, filter: { exportingAdministration: 'KR-KCS' } } },
      { as: 'kr-kcs-analyst' },
    ),
  );
  expect(data.shipments.edges).toHaveLength(first);
  return stack.sql.filter((q) => !freshnessProbe.test(q)).length;
}

describe('SQL statements per request', () => {
  it('shipments(first: 100) with consignor certifications, recognitions and benefits runs no more statements than first: 10', async () => {
    await statementsFor(10); // warm-up: nothing cached across requests, but keep the comparison fair
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBeLessThanOrEqual(ten);
    // Counted on the database the suite runs on (PostgreSQL under TEST_DATABASE=postgresql): its own SQL dialect.
    const postgres = stack.config.database.provider === 'postgresql';
    expect(stack.sql.every((q) => q.includes(postgres ? '"public".' : '`main`.'))).toBe(true);
  });
});
