/**
 * A stock Apollo Client 4 front end against the gateway over HTTP, through the trusted-documents
 * manifest (@apollo/persisted-query-lists: ids from the manifest by operation name, hash only on the
 * wire). The manifest's bodies must be exactly what Apollo Client's transforms make of our operations
 * (addTypename), so that its normalized cache holds Operator:, Certification: and Agreement: records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { createPersistedQueryManifestVerificationLink, generatePersistedQueryIdsFromManifest, sortTopLevelDefinitions } from '@apollo/persisted-query-lists';
import { Kind, parse, print, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { of } from 'rxjs';
import { startTestStack, type TestStack } from '../support/stack.js';
import { operationsDir, readManifest, sha256, type Manifest } from '../../src/gateway/documents.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

/** Each trusted operation as a front end writes it (schema/operations/*.graphql: no __typename), with the fragments it spreads. */
function sourceDocuments(): Map<string, DocumentNode> {
  const definitions = readdirSync(operationsDir)
    .filter((f) => f.endsWith('.graphql'))
    .flatMap((f) => parse(readFileSync(join(operationsDir, f), 'utf8')).definitions);
  const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const documents = new Map<string, DocumentNode>();
  for (const op of definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)) {
    const used = new Map<string, FragmentDefinitionNode>();
    const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (fragment && !used.has(fragment.name.value)) {
            used.set(fragment.name.value, fragment);
            collect(fragment);
          }
        },
      });
    collect(op);
    documents.set(op.name!.value, { kind: Kind.DOCUMENT, definitions: [op, ...used.values()] });
  }
  return documents;
}

function client(manifest: Manifest, token: string, failures: unknown[]) {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.from([
      // Apollo's own check that what the client sends is the manifest's body, byte for byte. (The package is
      // CommonJS: its ApolloLink type is @apollo/client's CommonJS declaration of the same class.)
      createPersistedQueryManifestVerificationLink({
        loadManifest: () => manifest,
        onVerificationFailed: (details) => failures.push(details),
      }) as unknown as ApolloLink,
      new PersistedQueryLink(generatePersistedQueryIdsFromManifest({ loadManifest: () => manifest })),
      new HttpLink({ uri: stack.graphqlUrl, headers: { authorization: `Bearer ${token}` } }),
    ]),
  });
}

describe('Apollo Client 4 through the trusted documents', () => {
  it("every manifest body is what Apollo Client sends for the operation (its document transforms applied), and its id is that body's sha256", async () => {
    const manifest = readManifest();
    const sent = new Map<string, string>();
    const capture = new ApolloClient({
      cache: new InMemoryCache(),
      link: new ApolloLink((operation) => {
        sent.set(operation.operationName!, print(sortTopLevelDefinitions(operation.query)));
        return of({ data: null });
      }),
    });
    const documents = sourceDocuments();
    expect([...documents.keys()].sort()).toEqual(manifest.operations.map((o) => o.name).sort());
    for (const [name, query] of documents) {
      const type = manifest.operations.find((o) => o.name === name)!.type;
      await (type === 'mutation' ? capture.mutate({ mutation: query, variables: {} }) : capture.query({ query, variables: {}, fetchPolicy: 'no-cache' })).catch(
        () => undefined, // only what went over the link matters here
      );
    }
    for (const operation of manifest.operations) {
      expect(sent.get(operation.name), operation.name).toBe(operation.body);
      expect(operation.id, operation.name).toBe(sha256(operation.body));
      expect(operation.body, operation.name).toContain('__typename');
    }
  });

  it('a persisted-only partner runs the operations by id, and the normalized cache holds Operator:, Certification: and Agreement: records', async () => {
    const failures: unknown[] = [];
    const apollo = client(readManifest(), await stack.token('kr-kcs-partner'), failures);
    const documents = sourceDocuments();

    const operator = await apollo.query({ query: documents.get('OperatorRecognition')!, variables: { id: 'OP-KR-DEMO-0001' } });
    expect(operator.error).toBeUndefined();
    const network = await apollo.query({ query: documents.get('AgreementNetwork')! });
    expect(network.error).toBeUndefined();
    expect(failures).toEqual([]);

    const records = apollo.cache.extract() as Record<string, Record<string, unknown>>;
    expect(records['Operator:OP-KR-DEMO-0001']).toMatchObject({ __typename: 'Operator', id: 'OP-KR-DEMO-0001' });
    expect(records['Certification:CERT-OP-KR-DEMO-0001']).toMatchObject({ __typename: 'Certification', id: 'CERT-OP-KR-DEMO-0001' });
    const agreements = Object.keys(records).filter((key) => key.startsWith('Agreement:'));
    expect(agreements.length).toBeGreaterThan(1);
    // The operator's certifications are references to the normalized records, not copies.
    const certifications = records['Operator:OP-KR-DEMO-0001'].certifications as { __ref: string }[];
    expect(certifications).toContainEqual({ __ref: 'Certification:CERT-OP-KR-DEMO-0001' });
    // And a read from the cache alone answers the same query without the network.
    const cached = apollo.readQuery({ query: documents.get('OperatorRecognition')!, variables: { id: 'OP-KR-DEMO-0001' } }) as {
      operator: { id: string; certifications: { id: string }[] };
    };
    expect(cached.operator.certifications.map((c) => c.id)).toContain('CERT-OP-KR-DEMO-0001');
  });
});
