/**
 * The gateway's recognition directory (which programmes each administration recognizes: need-to-know on
 * operators' details) is cached for 60 s, and dropped by every agreement mutation through the gateway. An
 * agreement recorded through the gateway changes what a partner may see at once, not a minute later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, expectNoErrors, startTestStack, type GraphQLResult, type TestStack, type Json } from '../support/stack.js';
import { buildManifest } from '../../src/gateway/documents.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const manifest = buildManifest();
const run = <T = Json>(name: string, variables: Record<string, unknown>, as: string): Promise<GraphQLResult<T>> =>
  stack.postBody<T>({ documentId: `sha256:${manifest.operations.find((o) => o.name === name)!.id}`, variables }, { as });

/** An operator's certifications as Brazil's partner client asks for them (need-to-know: FORBIDDEN unless BR-RFB recognizes its programme). */
const certificationsSeenByBrazil = (operatorId: string) =>
  run<{ operator: { id: string; certifications: { id: string }[] | null } | null }>('OperatorRecognition', { id: operatorId }, 'br-rfb-partner');

describe('recognition directory', () => {
  it('an agreement recorded through the gateway changes what a partner may see on the next request, not sixty seconds later', async () => {
    const certification = await stack.db.certification.findFirstOrThrow({
      where: { programCode: 'KR-AEO', operator: { administrationCode: 'KR-KCS' } },
      orderBy: { id: 'asc' },
    });
    // Before: Brazil recognizes no Korean programme, and the directory now holds that answer (cached for 60 s).
    expect(await stack.gateway.recognitionDirectory.programsRecognizedBy('BR-RFB')).not.toContain('KR-AEO');
    expect(errorCodes(await certificationsSeenByBrazil(certification.operatorId))).toEqual(['FORBIDDEN']);

    // Proposed by Korea, recorded when Brazil confirms (issue 12: agreements only by consent of both sides).
    const proposed = expectNoErrors(
      await run(
        'ProposeAgreement',
        {
          input: {
            id: 'MRA-KR-BR-DIRECTORY',
            title: 'Korea (KCS) - Brazil (RFB): AEO / OEA mutual recognition (directory test)',
            parties: [
              { administration: 'KR-KCS', program: 'KR-AEO' },
              { administration: 'BR-RFB', program: 'BR-OEA' },
            ],
            signedOn: '2025-01-10',
            inForceFrom: new Date(Date.now() - 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10), // within the retroactive window
            directions: [
              { recognizingAdministration: 'BR-RFB', recognizedProgram: 'KR-AEO', benefits: ['REDUCED_EXAMINATIONS'] },
              { recognizingAdministration: 'KR-KCS', recognizedProgram: 'BR-OEA', benefits: ['PRIORITY_CLEARANCE'] },
            ],
            sources: ['https://example.org/kr-br-mra'],
          },
        },
        'kr-kcs-registrar',
      ),
    ).proposeAgreement;
    expect(proposed.__typename).toBe('ProposeAgreementSuccess');
    const recorded = expectNoErrors(
      await run('ConfirmAgreement', { input: { agreementId: 'MRA-KR-BR-DIRECTORY', reason: 'Confirmed (test)' } }, 'br-rfb-registrar'),
    ).confirmAgreement;
    expect(recorded.__typename).toBe('ConfirmAgreementSuccess');

    // The very next request: the mutation dropped the directory before its response was sent (without that, the cache answers for 60 s).
    const seen = await certificationsSeenByBrazil(certification.operatorId);
    expect(errorCodes(seen)).toEqual([]);
    expect(seen.body.data?.operator?.certifications?.map((c) => c.id)).toContain(certification.id);
    expect(await stack.gateway.recognitionDirectory.programsRecognizedBy('BR-RFB')).toContain('KR-AEO');
  });
});
