import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolveInfo } from 'graphql';
import { compiledExecution } from '../../src/subgraphs/compiled-execution.js';
import { forbidden } from '../../src/platform/access.js';
import { DateScalar } from '../../src/platform/scalars.js';

// A subgraph with what ours use: entities with __resolveReference, an interface and a union, a custom scalar,
// arguments and variables, need-to-know refusals (located), non-null propagation and async resolvers.
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  scalar Date
  interface Finding { code: String! }
  type Established implements Finding { code: String! reason: String! }
  type Unknown implements Finding { code: String! missing: [String!]! }
  union Party = Operator | Administration
  type Administration @key(fields: "code") { code: ID! name: String! }
  type Operator @key(fields: "id") {
    id: ID!
    name: String!
    address: String
    since(asOf: Date): Date
    findings(kinds: [String!]): [Finding!]!
    mandatory: String!
  }
  type Query { operators(ids: [ID!]!): [Operator]! party(id: ID!): Party }
`);
const operators: Record<string, { id: string; name: string; secret: boolean }> = {
  'OP-1': { id: 'OP-1', name: 'Hanjin Logistics', secret: false },
  'OP-2': { id: 'OP-2', name: 'Acme Export', secret: true },
};
const resolvers = {
  Date: DateScalar,
  Query: {
    operators: (_: unknown, { ids }: { ids: string[] }) => ids.map((id) => operators[id] ?? null),
    party: (_: unknown, { id }: { id: string }) =>
      operators[id] ? { ...operators[id], __typename: 'Operator' } : { code: id, name: `Administration ${id}`, __typename: 'Administration' },
  },
  Party: { __resolveType: (p: { __typename: string }) => p.__typename },
  Finding: { __resolveType: (f: { missing?: string[] }) => (f.missing ? 'Unknown' : 'Established') },
  Operator: {
    __resolveReference: async (ref: { id: string }) => operators[ref.id] ?? null,
    address: async (o: { id: string; secret: boolean }, _a: unknown, _c: unknown, info: GraphQLResolveInfo) => {
      await Promise.resolve();
      if (o.secret) throw forbidden(`KR-KCS may not see the address of operator ${o.id}.`, info);
      return `1 Harbour Road (${o.id})`;
    },
    since: (_o: unknown, { asOf }: { asOf?: string }) => asOf ?? '2020-01-01',
    findings: (_o: unknown, { kinds }: { kinds?: string[] }) =>
      [
        { code: 'IN_FORCE', reason: 'documented' },
        { code: 'EFFECTIVE_DATE_UNKNOWN', missing: ['effectiveFrom'] },
      ].filter((f) => !kinds || kinds.includes(f.code)),
    mandatory: (o: { secret: boolean }) => (o.secret ? null : 'present'),
  },
  Administration: { __resolveReference: (ref: { code: string }) => ({ code: ref.code, name: `Administration ${ref.code}` }) },
};

const operations: { query: string; variables?: Record<string, unknown> }[] = [
  {
    query: `query Entities($representations: [_Any!]!, $asOf: Date) { _entities(representations: $representations) {
      __typename ... on Operator { id name address since(asOf: $asOf) findings { __typename code ... on Established { reason } ... on Unknown { missing } } }
      ... on Administration { code name } } }`,
    variables: {
      representations: [
        { __typename: 'Operator', id: 'OP-1' },
        { __typename: 'Operator', id: 'OP-2' },
        { __typename: 'Administration', code: 'KR-KCS' },
        { __typename: 'Operator', id: 'OP-9' },
      ],
      asOf: '2024-03-15',
    },
  },
  { query: `query NonNull { operators(ids: ["OP-1", "OP-2", "OP-3"]) { id mandatory } }` },
  {
    query: `query Union($id: ID!) { party(id: $id) { __typename ... on Operator { name findings(kinds: ["IN_FORCE"]) { code } } ... on Administration { code } } }`,
    variables: { id: 'OP-1' },
  },
  {
    query: `query Union($id: ID!) { party(id: $id) { __typename ... on Operator { name } ... on Administration { code name } } }`,
    variables: { id: 'US-CBP' },
  },
  { query: `query BadDate { operators(ids: ["OP-1"]) { since(asOf: "2024-02-30") } }` },
  { query: `query BadVariable($asOf: Date) { operators(ids: ["OP-1"]) { since(asOf: $asOf) } }`, variables: { asOf: 'yesterday' } },
];

async function serve(
  compileAfter: number | 'never',
  compile?: Parameters<typeof compiledExecution>[1] extends infer O ? (O extends { compile?: infer C } ? C : never) : never,
) {
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  const fallbacks: string[] = [];
  const execution = compiledExecution(schema, {
    compileAfter: compileAfter === 'never' ? Number.POSITIVE_INFINITY : compileAfter,
    onFallback: (name, reason) => fallbacks.push(`${name}: ${reason}`),
    compile,
  });
  const server = new ApolloServer({ gateway: execution.gateway, includeStacktraceInErrorResponses: false, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await server.start();
  const run = async (op: { query: string; variables?: Record<string, unknown> }) => {
    const response = await server.executeOperation(op, { contextValue: {} });
    if (response.body.kind !== 'single') throw new Error('incremental');
    return JSON.parse(JSON.stringify(response.body.singleResult)) as unknown;
  };
  return { run, stats: execution.stats, fallbacks, stop: () => server.stop() };
}

describe('compiled execution of subgraph operations (graphql-jit behind Apollo Server)', () => {
  it('answers every operation exactly as graphql-js does: data, errors (messages, locations, paths, codes), nulls', async () => {
    const interpreted = await serve('never');
    const compiled = await serve(0);
    try {
      for (const op of operations) {
        const expected = await interpreted.run(op);
        expect(await compiled.run(op), op.query).toEqual(expected);
        expect(await compiled.run(op), `${op.query} (second run)`).toEqual(expected);
      }
      expect(interpreted.stats.compiled).toBe(0);
      expect(compiled.stats.compiled).toBeGreaterThan(0);
      expect(compiled.fallbacks).toEqual([]);
    } finally {
      await interpreted.stop();
      await compiled.stop();
    }
  });

  it('compiles a document once it has been seen compileAfter times, then runs it compiled', async () => {
    const s = await serve(2);
    try {
      const op = operations[0];
      const first = await s.run(op);
      await s.run(op);
      expect(s.stats).toEqual({ compiled: 0, interpreted: 2, fallbacks: 0 });
      expect(await s.run(op)).toEqual(first);
      expect(s.stats).toEqual({ compiled: 1, interpreted: 2, fallbacks: 0 });
    } finally {
      await s.stop();
    }
  });

  it('falls back to graphql-js, once and for good, for a document that cannot be compiled or whose compiled run throws', async () => {
    const refusing = await serve(0, () => ({ errors: [new (class extends Error {})('cannot compile this') as never] }));
    const throwing = await serve(0, () => ({
      operationName: undefined,
      query: () => {
        throw new Error('compiler fault');
      },
      stringify: JSON.stringify,
    }));
    const reference = await serve('never');
    try {
      for (const s of [refusing, throwing]) {
        const expected = await reference.run(operations[0]);
        expect(await s.run(operations[0])).toEqual(expected);
        expect(await s.run(operations[0])).toEqual(expected);
        expect(s.stats.fallbacks).toBe(1);
        expect(s.stats.compiled).toBe(0);
        expect(s.stats.interpreted).toBe(2);
      }
      expect(refusing.fallbacks).toEqual(['Entities: cannot compile this']);
      expect(throwing.fallbacks).toEqual(['Entities: compiler fault']);
    } finally {
      await Promise.all([refusing.stop(), throwing.stop(), reference.stop()]);
    }
  });
});
