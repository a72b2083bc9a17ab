/**
 * No existence oracle for shipments (issue 12 item 5): a shipment the caller is not party to (neither
 * its exporting nor its importing administration) reads exactly as one that does not exist, by
 * reference through the gateway and through _entities (what a router sends the shipments subgraph).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeaderMap } from '@apollo/server';
import { errorCodes, expectNoErrors, startTestStack, type GraphQLResult, type TestStack } from '../support/stack.js';
import { VIEWER_HEADER } from '../../src/platform/internal-token.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const OUTSIDER = { client: 'br-rfb-analyst', administration: 'BR-RFB' };
const shipmentQuery = 'query($reference: ID!) { shipment(reference: $reference) { reference departedOn goods { hsCode } } }';

/** A shipment BR-RFB is not party to, its exporting administration, and a reference no shipment has. */
async function subjects() {
  const hidden = await stack.db.shipment.findFirstOrThrow({
    where: { exportingAdministrationCode: { not: OUTSIDER.administration }, importingAdministrationCode: { not: OUTSIDER.administration } },
    orderBy: { reference: 'asc' },
  });
  const missing = `${hidden.reference}-NONE`;
  expect(await stack.db.shipment.findUnique({ where: { reference: missing } })).toBeNull();
  return { hidden: hidden.reference, party: hidden.exportingAdministrationCode, missing };
}

/** The response with the reference masked in messages: what stays must be identical for hidden and missing. */
const shape = (result: GraphQLResult, reference: string) => ({
  status: result.status,
  body: { ...result.body, errors: result.body.errors?.map((e) => ({ ...e, message: e.message.split(reference).join('<reference>') })) },
});

describe('a shipment the caller may not see reads exactly as one that does not exist', () => {
  it('shipment(reference): the same NOT_FOUND, with the same message shape, naming no administration', async () => {
    const { hidden, party, missing } = await subjects();
    const hiddenResult = await stack.post(shipmentQuery, { reference: hidden }, { as: OUTSIDER.client });
    const missingResult = await stack.post(shipmentQuery, { reference: missing }, { as: OUTSIDER.client });
    expect(errorCodes(missingResult)).toEqual(['NOT_FOUND']);
    expect(errorCodes(hiddenResult)).toEqual(['NOT_FOUND']);
    expect(shape(hiddenResult, hidden)).toEqual(shape(missingResult, missing));
    expect(JSON.stringify(hiddenResult.body)).not.toMatch(/FORBIDDEN|exporting|importing/);
    expect(JSON.stringify(hiddenResult.body)).not.toContain(party);
    expect(JSON.stringify(hiddenResult.body)).not.toContain(OUTSIDER.administration);
    // A party to the shipment still reads it.
    const client = party === 'US-CBP' ? 'us-cbp-analyst' : party === 'KR-KCS' ? 'kr-kcs-analyst' : null;
    if (client) expect(expectNoErrors(await stack.post(shipmentQuery, { reference: hidden }, { as: client })).shipment.reference).toBe(hidden);
  });

  it('the demo shipment DEMO-KR-US-0001: NOT_FOUND for BR-RFB, readable by KR-KCS and US-CBP', async () => {
    const result = await stack.post(shipmentQuery, { reference: 'DEMO-KR-US-0001' }, { as: OUTSIDER.client });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.body.errors![0].message).toBe('Shipment "DEMO-KR-US-0001" was not found.');
    expect(result.body.data).toEqual({ shipment: null });
    for (const as of ['kr-kcs-analyst', 'us-cbp-analyst']) {
      expect(expectNoErrors(await stack.post(shipmentQuery, { reference: 'DEMO-KR-US-0001' }, { as })).shipment.reference).toBe('DEMO-KR-US-0001');
    }
  });

  it('_entities on the shipments subgraph answers null for both, with no error', async () => {
    const { hidden, missing } = await subjects();
    const shipments = stack.subgraphs.find((s) => s.name === 'shipments')!;
    const viewer = await stack.signer.sign({
      clientId: OUTSIDER.client,
      administrationCode: OUTSIDER.administration,
      kind: 'analyst',
      scopes: ['read'],
      recognizes: [],
    });
    const response = await shipments.handle({
      method: 'POST',
      headers: new HeaderMap([
        ['content-type', 'application/json'],
        [VIEWER_HEADER, viewer],
      ]),
      search: '',
      body: {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Shipment { reference departedOn } } }',
        variables: {
          r: [
            { __typename: 'Shipment', reference: hidden },
            { __typename: 'Shipment', reference: missing },
          ],
        },
      },
    });
    expect(JSON.parse(response.body.kind === 'complete' ? response.body.string : '{}')).toEqual({ data: { _entities: [null, null] } });
  });
});
