/**
 * Typed client operations: the API schema front ends generate against is the supergraph's, and the
 * typed documents, as Apollo Client sends them (addTypename applied: trustedBody), are exactly the
 * trusted documents' bodies, so sha256(trustedBody(document)) is the manifest id.
 */
import { buildSchema, parse, validate, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printApiSchema, readCommittedApiSchema } from '../../src/client/api-schema.js';
import { readCommittedSupergraph } from '../../src/gateway/compose.js';
import { buildManifest, readManifest, sha256, trustedBody } from '../../src/gateway/documents.js';
import * as typed from '../../src/client/generated/graphql.js';
import { expectNoErrors, startTestStack, type TestStack } from '../support/stack.js';

describe('API schema', () => {
  it('schema/api.graphql is the API schema of schema/supergraph.graphql (run `npm run compose`)', () => {
    expect(readCommittedApiSchema()).toBe(printApiSchema(readCommittedSupergraph()));
  });

  it('has no federation machinery', () => {
    const sdl = readCommittedApiSchema();
    expect(sdl).not.toMatch(/join__|link__|@join|@link|@inaccessible/);
    expect(sdl).toMatch(/type Query \{/);
  });

  it('every trusted operation validates against it', () => {
    const schema = buildSchema(readCommittedApiSchema());
    for (const op of readManifest().operations) expect(validate(schema, parse(op.body)), op.name).toEqual([]);
  });
});

describe('typed documents (src/client/generated, `npm run generate`)', () => {
  const documents = Object.entries(typed).filter(([name]) => name.endsWith('Document')) as [string, DocumentNode][];

  it('the manifest is fresh (run `npm run documents`)', () => {
    expect(readManifest()).toEqual(buildManifest());
  });

  it('there is one per trusted operation, and as Apollo Client sends it (trustedBody) it is the manifest body: its sha256 is the document id', () => {
    const manifest = readManifest().operations;
    expect(documents.map(([name]) => name.replace(/Document$/, '')).sort()).toEqual(manifest.map((o) => o.name).sort());
    for (const [name, document] of documents) {
      const op = manifest.find((o) => `${o.name}Document` === name)!;
      expect(trustedBody(document)).toBe(op.body);
      expect(sha256(trustedBody(document))).toBe(op.id);
    }
  });
});

describe('the explorer operations run as trusted documents', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());
  const idOf = (name: string) => `sha256:${readManifest().operations.find((o) => o.name === name)!.id}`;

  it('AgreementNetwork: programmes and agreements with parties and dates', async () => {
    const data = expectNoErrors(await stack.postBody<typed.AgreementNetworkQuery>({ documentId: idOf('AgreementNetwork') }, { as: 'us-cbp-partner' }));
    expect(data.programs.map((p) => p.code)).toEqual(expect.arrayContaining(['US-CTPAT', 'KR-AEO', 'EU-AEO']));
    const usKr = data.agreements.find((a) => a.id === 'MRA-US-KR')!;
    expect(usKr.signedOn).toBe('2010-06-25'); // settled by the register's re-verification (prisma/seed/VERIFICATION.md)
    expect(usKr.parties.map((p) => p.program.code).sort()).toEqual(['KR-AEO', 'US-CTPAT']);
  });

  it('OperatorRecognition: certifications and the recognitions in force on a date', async () => {
    const data = expectNoErrors(
      await stack.postBody<typed.OperatorRecognitionQuery>(
        { documentId: idOf('OperatorRecognition'), variables: { id: 'OP-KR-DEMO-0001', asOf: '2024-03-15' } },
        { as: 'kr-kcs-analyst' },
      ),
    );
    expect(data.operator!.certifications!.map((c) => c.program.code)).toContain('KR-AEO');
    expect(data.operator!.recognizedBy.map((r) => r.recognizingAdministration.code)).toContain('CA-CBSA');
    const answers = new Map(data.operator!.recognitionAnswers.map((a) => [a.recognition.id, a.outcome]));
    expect(answers.get('MRA-KR-CA:CA-CBSA<-KR-AEO')).toBe('RECOGNIZED');
    expect(answers.get('MRA-US-KR:US-CBP<-KR-AEO')).toBe('UNDETERMINED'); // no documented date of application
  });
});
