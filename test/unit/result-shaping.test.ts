/**
 * Prepared result shaping (src/gateway/result-shaping.ts) against Apollo's own computeResponse: for every
 * operation below (a schema with interfaces, unions, enums, a custom scalar, nested lists, and every trusted
 * document of the project against the real API schema), generated subgraph data with nulls in non-null
 * places, missing fields, invalid leaves and unknown __typenames must shape to the same data (key order
 * included), the same errors (message, path, code) or the same assertion failure.
 */
import { describe, expect, it } from 'vitest';
import { Kind, parse, type DefinitionNode, type DocumentNode } from 'graphql';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { apolloResultShaping, computeResponse, installResultShaping, operationFromDocument } from '../../src/gateway/result-shaping.js';
import { buildManifest } from '../../src/gateway/documents.js';
import { readCommittedSupergraph } from '../../src/gateway/compose.js';
import { mulberry32 as random } from '../../prisma/seed/seed.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- federation-internals' operation model is walked untyped */
type Any = any;

const SUBGRAPH = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  scalar Date
  enum Status { ACTIVE SUSPENDED }
  interface Finding { code: String! }
  type Established implements Finding { code: String! reason: String rank: Int }
  type Unknown implements Finding { code: String! missing: [String!]! weight: Float }
  union Party = Operator | Administration
  type Administration @key(fields: "code") { code: ID! name: String! }
  type Operator @key(fields: "id") {
    id: ID!
    name: String!
    active: Boolean
    status: Status!
    since: Date
    findings: [Finding!]!
    ranks: [[Int]!]
    partner: Party
  }
  type Query { operators: [Operator]! party(id: ID!): Party op: Operator! admin: Administration }
`;

const OPERATIONS = [
  `query A($skip: Boolean!, $with: Boolean = true) {
     operators { id n: name active status since ranks t: __typename
       findings { __typename code ... on Established { reason rank } ... on Unknown { missing weight } }
       partner { ...PartyFields }
       name @skip(if: $skip)
       since @include(if: $with)
     }
     op { id name findings { code } }
     op { name status findings { ... on Established { reason } } }
   }
   fragment PartyFields on Party { __typename ... on Operator { id status } ... on Administration { code name } }`,
  `query B($i: Boolean!) {
     party(id: "1") { kind: __typename ... on Administration @include(if: $i) { code } ... @skip(if: true) { __typename } }
     admin { code name }
     x: op { id } y: op { ranks status partner { ... on Operator { findings { code } } } }
   }`,
  `query C { op { ... on Operator { id ... on Operator { name } } __typename } admin { __typename } }`,
  // Response names that an object with a prototype would read or write as inherited.
  `query D {
     operators { __proto__: name constructor: id toString: status hasOwnProperty: active valueOf: since __defineGetter__: ranks }
     op { __proto__: findings { constructor: code } toJSON: name }
     admin { toString: code propertyIsEnumerable: name }
   }`,
];

/** Subgraph data for a selection set: mostly right, sometimes null, missing, of the wrong kind or the wrong type. */
function generate(rnd: () => number, schema: Any, selectionSet: Any, type: Any, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const possible = type.kind === 'ObjectType' ? [type] : [...(type.kind === 'UnionType' ? type.types() : type.possibleRuntimeTypes())];
  const runtime = possible[Math.floor(rnd() * possible.length)];
  const typenameRoll = rnd();
  // Wrong __typenames: unknown, an enum, an abstract type.
  const wrong = ['NoSuchType', 'Status', 'Finding', 'Party', 'Query'];
  if (type.kind !== 'ObjectType' || typenameRoll < 0.3)
    out.__typename = typenameRoll < 0.12 ? wrong[Math.floor(typenameRoll * 40) % wrong.length] : runtime?.name;
  fill(rnd, schema, selectionSet, runtime ?? type, out, depth);
  return out;
}

function fill(rnd: () => number, schema: Any, selectionSet: Any, type: Any, out: Record<string, unknown>, depth: number) {
  for (const selection of selectionSet.selections()) {
    if (selection.kind !== 'FieldSelection') {
      fill(rnd, schema, selection.selectionSet, selection.element.typeCondition ?? type, out, depth);
      continue;
    }
    const field = selection.element;
    const roll = rnd();
    if (roll < 0.03) continue; // missing
    if (field.name === '__typename') {
      out[field.responseName()] = roll < 0.15 ? null : roll < 0.18 ? 'Administration' : roll < 0.21 ? 'Finding' : roll < 0.23 ? 'Status' : type.name;
      continue;
    }
    // defineProperty: a response name may be __proto__, which assignment would take as the object's prototype.
    Object.defineProperty(out, field.responseName(), {
      value: value(rnd, schema, field.definition.type, selection.selectionSet, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

function value(rnd: () => number, schema: Any, type: Any, selectionSet: Any, depth: number): unknown {
  const roll = rnd();
  if (roll < 0.06) return null;
  if (type.kind === 'NonNullType') return value(rnd, schema, type.ofType, selectionSet, depth);
  if (type.kind === 'ListType') {
    if (roll < 0.08) return 'not a list';
    const length = depth > 5 ? 0 : Math.floor(rnd() * 3);
    return Array.from({ length }, () => value(rnd, schema, type.ofType, selectionSet, depth + 1));
  }
  if (selectionSet) return roll < 0.07 ? 42 : generate(rnd, schema, selectionSet, type, depth);
  const bad = roll < 0.1;
  switch (type.name) {
    case 'Int':
      return bad ? 1.5 : Math.floor(rnd() * 100);
    case 'Float':
      return bad ? 'x' : rnd() * 10;
    case 'Boolean':
      return bad ? 1 : rnd() < 0.5;
    case 'ID':
      return bad ? true : rnd() < 0.5 ? 'id-1' : 7;
    case 'String':
      return bad ? false : 'text';
    default:
      if (type.kind === 'EnumType') return bad ? 'NOT_A_VALUE' : type.values[Math.floor(rnd() * type.values.length)].name;
      return bad ? { custom: true } : '2026-11-30'; // custom scalars: anything goes
  }
}

/** The document executeQueryPlan hands to operationFromDocument: the operation node, then the fragments. */
function planDocument(document: DocumentNode): DocumentNode {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] as DefinitionNode[] };
}

function outcome(shape: typeof computeResponse, operation: Any, variables: Record<string, unknown>, input: Record<string, unknown>) {
  try {
    const { data, errors } = shape({ operation, variables, input: structuredClone(input), introspectionHandling: () => ({ introspected: true }) });
    return { data: JSON.stringify(data), errors: errors.map((e: Any) => ({ message: e.message, path: e.path, code: e.extensions?.code })) };
  } catch (error) {
    return { threw: (error as Error).message };
  }
}

function compare(apiSchema: Any, source: string, iterations: number) {
  const document = planDocument(parse(source));
  const operation = apolloResultShaping.operationFromDocument(apiSchema, document, { validate: false });
  const booleans = (document.definitions[0] as Any).variableDefinitions
    .filter((v: Any) => v.type.kind === Kind.NON_NULL_TYPE && v.type.type.name?.value === 'Boolean')
    .map((v: Any) => v.variable.name.value as string);
  let errors = 0;
  let nullData = 0;
  for (let seed = 1; seed <= iterations; seed++) {
    const rnd = random(seed);
    const root = apiSchema.schemaDefinition.rootType('query');
    const input = generate(rnd, apiSchema, operation.selectionSet, root);
    delete input.__typename;
    const variables = Object.fromEntries(booleans.map((name: string) => [name, rnd() < 0.5]));
    const expected = outcome(apolloResultShaping.computeResponse, operation, variables, input);
    const actual = outcome(computeResponse, operation, variables, input);
    expect(actual, `seed ${seed}`).toEqual(expected);
    if (expected.errors?.length) errors++;
    if (expected.data === 'null') nullData++;
  }
  return { errors, nullData };
}

describe('prepared result shaping', () => {
  const composed = composeServices([{ name: 'only', url: 'http://only.invalid', typeDefs: parse(SUBGRAPH) }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const small = Supergraph.build(composed.supergraphSdl).apiSchema();

  it.each(OPERATIONS.map((source, i) => [i, source]))('shapes operation %i exactly as Apollo does, on generated data', (_i, source) => {
    const { errors, nullData } = compare(small, source, 400);
    // The generated data really exercises the error and null-bubbling paths.
    expect(errors).toBeGreaterThan(50);
    expect(nullData).toBeGreaterThan(5);
  });

  it('shapes every trusted document of the project exactly as Apollo does, against the real API schema', () => {
    const api = Supergraph.build(readCommittedSupergraph()).apiSchema();
    const operations = buildManifest().operations;
    expect(operations.length).toBeGreaterThan(5);
    for (const { body } of operations) compare(api, body, 60);
  });

  it('builds the operation of executeQueryPlan once per schema and AST node, and everything else as Apollo does', () => {
    const document = planDocument(parse(OPERATIONS[0]));
    const first = operationFromDocument(small, document, { validate: false });
    expect(operationFromDocument(small, { ...document }, { validate: false })).toBe(first);
    // Other fragments, another schema, or validation asked for: built anew.
    const otherFragments = planDocument(parse(OPERATIONS[0])).definitions.slice(1);
    expect(operationFromDocument(small, { ...document, definitions: [document.definitions[0], ...otherFragments] }, { validate: false })).not.toBe(first);
    expect(operationFromDocument(small, document, { validate: true })).not.toBe(first);
    expect(String(operationFromDocument(small, document, { validate: false }))).toBe(
      String(apolloResultShaping.operationFromDocument(small, document, { validate: false })),
    );
  });

  it('is installed and removed on the modules @apollo/gateway calls', async () => {
    const { createRequire } = await import('node:module');
    const gatewayRequire = createRequire(createRequire(import.meta.url).resolve('@apollo/gateway'));
    const shaping = gatewayRequire('./resultShaping.js');
    try {
      expect(installResultShaping('prepared')).toBe('prepared');
      expect(shaping.computeResponse).toBe(computeResponse);
      expect(installResultShaping('apollo')).toBe('apollo');
      expect(shaping.computeResponse).toBe(apolloResultShaping.computeResponse);
    } finally {
      installResultShaping('prepared');
    }
  });
});
