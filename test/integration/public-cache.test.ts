/**
 * The gateway's one-second cache of public registry answers (src/gateway/public-cache.ts) changes
 * speed only: every check still applies to a cached answer, non-public queries are never cached,
 * and a mutation through the gateway empties it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { errorCodes, expectNoErrors, startTestStack, type TestStack, type Json } from '../support/stack.js';
import { isPublicRegistryQuery } from '../../src/gateway/public-cache.js';
import { buildManifest } from '../../src/gateway/documents.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const PROGRAMS = '{ programs { code name recognizedBy(asOf: "2024-03-15") { id agreement { id title } } } }';
const op = (text: string) => parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

describe('public registry answers from memory', () => {
  it('only for queries whose root fields are all public registry fields', () => {
    expect(isPublicRegistryQuery(op(PROGRAMS))).toBe(true);
    expect(isPublicRegistryQuery(op('{ agreements { id } benefits { code } }'))).toBe(true);
    expect(isPublicRegistryQuery(op('{ programs { code } shipment(reference: "X") { reference } }'))).toBe(false);
    expect(isPublicRegistryQuery(op('{ operator(id: "X") { id } }'))).toBe(false);
    expect(isPublicRegistryQuery(op('{ ...F } fragment F on Query { programs { code } }'))).toBe(false);
    expect(isPublicRegistryQuery(op('mutation { __typename }'))).toBe(false);
    const network = buildManifest().operations.find((o) => o.name === 'AgreementNetwork')!;
    expect(isPublicRegistryQuery(op(network.body))).toBe(true);
  });

  it('a cached answer still goes through identity and trusted documents', async () => {
    const first = expectNoErrors(await stack.post<Json>(PROGRAMS, undefined, { as: 'us-cbp-analyst' }));
    const again = expectNoErrors(await stack.post<Json>(PROGRAMS, undefined, { as: 'kr-kcs-analyst' }));
    expect(again).toEqual(first);
    expect((await stack.post(PROGRAMS, undefined, { as: null })).status).toBe(401);
    expect(errorCodes(await stack.post(PROGRAMS, undefined, { as: 'kr-kcs-partner' }))).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
  });

  it('a mutation through the gateway empties it: the next read sees the write', async () => {
    const manifest = buildManifest();
    const id = (name: string) => `sha256:${manifest.operations.find((o) => o.name === name)!.id}`;
    const titles = async () => expectNoErrors(await stack.post<Json>('{ agreements { id title version } }')).agreements as { id: string; version: number }[];
    const before = await titles();
    const record = {
      id: 'MRA-KR-BR-CACHE',
      title: 'Korea (KCS) - Brazil (RFB): cache test',
      parties: [
        { administration: 'KR-KCS', program: 'KR-AEO' },
        { administration: 'BR-RFB', program: 'BR-OEA' },
      ],
      signedOn: '2025-01-10',
      directions: [{ recognizingAdministration: 'BR-RFB', recognizedProgram: 'KR-AEO', benefits: ['REDUCED_EXAMINATIONS'] }],
      sources: ['https://example.org/kr-br-mra'],
    };
    // Proposed by one party, recorded when the other confirms (issue 12: agreements only by consent of both sides).
    const proposed = expectNoErrors(
      await stack.postBody<Json>({ documentId: id('ProposeAgreement'), variables: { input: record } }, { as: 'kr-kcs-registrar' }),
    ).proposeAgreement;
    expect(proposed.__typename).toBe('ProposeAgreementSuccess');
    expect((await titles()).length).toBe(before.length); // a pending proposal is no agreement
    const recorded = expectNoErrors(
      await stack.postBody<Json>(
        { documentId: id('ConfirmAgreement'), variables: { input: { agreementId: 'MRA-KR-BR-CACHE', reason: 'Confirmed (test)' } } },
        { as: 'br-rfb-registrar' },
      ),
    ).confirmAgreement;
    expect(recorded.__typename).toBe('ConfirmAgreementSuccess');
    const after = await titles();
    expect(after.length).toBe(before.length + 1);
    expect(after.map((a) => a.id)).toContain('MRA-KR-BR-CACHE');
  });
});
