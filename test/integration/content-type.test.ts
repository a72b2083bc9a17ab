/**
 * The response's content type negotiated once per Accept value (src/platform/http/content-type.ts): the same status
 * and content type as Apollo Server's own negotiation for every Accept header, through Apollo's HTTP layer, through
 * the gateway over HTTP, and through a subgraph service's HTTP handler.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { contentTypeChooser, contentTypePlugin } from '../../src/platform/http/content-type.js';
import { VIEWER_HEADER } from '../../src/platform/internal-token.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const ACCEPTS = [
  undefined,
  '*/*',
  'application/json',
  'application/json; charset=utf-8',
  'application/graphql-response+json',
  'application/graphql-response+json, application/json;q=0.9',
  'application/json;q=0.5, application/graphql-response+json',
  'application/graphql-response+json;q=0.2, application/json;q=0.8, */*;q=0.1',
  'text/html, application/json;q=0.1',
  'application/*',
  'text/plain',
  'text/html',
  'application/json;q=0',
  '',
  'garbage;;;q=x',
];

describe('content type, negotiated once per Accept value', () => {
  const typeDefs = 'type Query { hello: String }';
  const resolvers = { Query: { hello: () => 'hi' } };
  const serverWith = (plugins: ApolloServerPlugin[]) => new ApolloServer({ typeDefs, resolvers, plugins });
  const apolloAlone = serverWith([]);
  const withPlugin = serverWith([contentTypePlugin()]);
  beforeAll(() => Promise.all([apolloAlone.start(), withPlugin.start()]));
  afterAll(() => Promise.all([apolloAlone.stop(), withPlugin.stop()]));

  const ask = async (server: ApolloServer, accept: string | undefined) => {
    const headers = new HeaderMap([['content-type', 'application/json']]);
    if (accept !== undefined) headers.set('accept', accept);
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query: '{ hello }' } },
      context: async () => ({}),
    });
    return {
      status: response.status ?? 200,
      contentType: response.headers.get('content-type'),
      body: response.body.kind === 'complete' ? response.body.string : '',
    };
  };

  it('gives every Accept header the status, content type and body Apollo Server gives it alone, in any order and repeated', async () => {
    const order = [...ACCEPTS, ...[...ACCEPTS].reverse(), ...ACCEPTS];
    const types = new Set<string | undefined>();
    for (const accept of order) {
      const expected = await ask(apolloAlone, accept);
      expect(await ask(withPlugin, accept), String(accept)).toEqual(expected);
      types.add(`${expected.status} ${expected.contentType}`);
    }
    // The list reaches both JSON types and the refusal: a plugin that always set one type would fail above.
    expect(types).toEqual(
      new Set(['200 application/json; charset=utf-8', '200 application/graphql-response+json; charset=utf-8', '406 application/json; charset=utf-8']),
    );
  });

  it('asks Apollo once per distinct Accept value, and forgets when full', () => {
    const asked: (string | undefined)[] = [];
    const choose = contentTypeChooser(({ headers }) => {
      asked.push(headers.get('accept'));
      return 'application/json; charset=utf-8';
    })!;
    for (let i = 0; i < 3; i++) for (const accept of ['application/json', undefined, 'text/plain']) choose(accept);
    expect(asked).toEqual(['application/json', undefined, 'text/plain']);
    for (let i = 0; i < 300; i++) choose(`application/json;v=${i}`);
    choose('application/json');
    expect(asked.filter((a) => a === 'application/json')).toHaveLength(2);
  });
});

describe('content type over HTTP: the gateway and a subgraph service', () => {
  let stack: TestStack;
  let subgraphServer: Server;
  let subgraphUrl: string;
  let viewerToken: string;
  beforeAll(async () => {
    stack = await startTestStack();
    const operators = stack.subgraphs.find((s) => s.name === 'operators')!;
    subgraphServer = createServer((req, res) => void operators.http(req, res));
    await new Promise<void>((r) => subgraphServer.listen(0, '127.0.0.1', () => r()));
    subgraphUrl = `http://127.0.0.1:${(subgraphServer.address() as { port: number }).port}/graphql`;
    viewerToken = await stack.signer.sign({
      clientId: 'us-cbp-analyst',
      administrationCode: 'US-CBP',
      kind: 'analyst',
      scopes: ['read'],
      recognizes: [],
    });
  });
  afterAll(async () => {
    await new Promise<void>((r) => subgraphServer?.close(() => r()));
    await stack?.stop();
  });

  const cases = [
    { accept: 'application/json', status: 200, type: 'application/json; charset=utf-8' },
    { accept: 'application/graphql-response+json', status: 200, type: 'application/graphql-response+json; charset=utf-8' },
    { accept: 'application/json', status: 200, type: 'application/json; charset=utf-8' },
    { accept: 'text/plain', status: 406, type: 'application/json; charset=utf-8' },
  ];

  it('the gateway answers each Accept header with its own content type', async () => {
    for (const c of cases) {
      const res = await fetch(stack.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: c.accept, authorization: `Bearer ${await stack.token('us-cbp-analyst')}` },
        body: JSON.stringify({ query: '{ programs { code } }' }),
      });
      expect([res.status, res.headers.get('content-type')], c.accept).toEqual([c.status, c.type]);
      if (c.status === 200) expect(((await res.json()) as { data: { programs: unknown[] } }).data.programs.length).toBeGreaterThan(0);
    }
  });

  it('a subgraph service answers each Accept header with its own content type', async () => {
    for (const c of cases) {
      const res = await fetch(subgraphUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: c.accept, [VIEWER_HEADER]: viewerToken },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      expect([res.status, res.headers.get('content-type')], c.accept).toEqual([c.status, c.type]);
    }
  });
});
