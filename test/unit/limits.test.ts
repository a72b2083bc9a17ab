/**
 * The limits check on free-form operations: linear in the document whatever its fragments (a
 * property over generated documents up to the token limit), the same measures as expanding every
 * fragment, and a cost estimate that honours variables, their declared defaults and the schema's.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  Lexer,
  parse,
  Source,
  TokenKind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ASSUMED_LIST_SIZE, checkOperation, measureOperation } from '../../src/gateway/limits.js';

const schema = buildSchema(`
  type Query { node: Node, nodes: [Node!]!, shipments(first: Int = 20, after: String): Connection!, unpaged(first: Int): Connection! }
  type Node { id: ID!, code: String, child: Node, children: [Node!]! }
  type Connection { edges: [Edge!]! }
  type Edge { node: Node! }
`);

const TOKEN_LIMIT = 1000;
const limits = { depth: 10, aliases: 15, directives: 5, rootFields: 20, cost: 50_000 };

function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

function operationOf(document: DocumentNode): OperationDefinitionNode {
  return document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
}

const measure = (text: string, variables: Record<string, unknown> = {}) => {
  const document = parse(text, { maxTokens: 100_000 });
  return measureOperation(schema, document, operationOf(document), variables);
};

/** Fragments F0..F(n-1) on Node, each spreading the next `times` times; the last selects `leaf`. */
const fragmentDefinitions = (n: number, times: number, leaf = 'id code') =>
  Array.from({ length: n }, (_, i) =>
    i === n - 1 ? `fragment F${i} on Node { ${leaf} }` : `fragment F${i} on Node { ${Array.from({ length: times }, () => `...F${i + 1}`).join(' ')} }`,
  ).join(' ');
const fragmentChain = (n: number, times: number, leaf = 'id code') => `{ node { ...F0 } } ${fragmentDefinitions(n, times, leaf)}`;

/**
 * The measures by expanding every fragment at every spread (the definition, exponential on purpose):
 * the linear measure must agree with it.
 */
function expandedMeasures(document: DocumentNode, variables: Record<string, unknown>) {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = operationOf(document);
  let depth = 0;
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | null | undefined, level: number): { cost: number; fields: number } => {
    let cost = 0;
    let fields = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        fields++;
        depth = Math.max(depth, level);
        const field = parent && isObjectType(parent) ? parent.getFields()[s.name.value] : undefined;
        if (!s.selectionSet) {
          cost += s.name.value === '__typename' ? 0 : 1;
          continue;
        }
        const child = walk(s.selectionSet, field ? getNamedType(field.type) : null, level + 1);
        const first = s.arguments?.find((a) => a.name.value === 'first');
        const type = field && (isNonNullType(field.type) ? field.type.ofType : field.type);
        const multiplier = field?.args.some((a) => a.name === 'first')
          ? first && first.value.kind === Kind.INT
            ? Number(first.value.value)
            : ((field.args.find((a) => a.name === 'first')!.defaultValue as number | undefined) ?? 20)
          : type && isListType(type)
            ? ASSUMED_LIST_SIZE
            : 1;
        cost += 1 + multiplier * child.cost;
      } else {
        const inner =
          s.kind === Kind.INLINE_FRAGMENT
            ? walk(s.selectionSet, s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent, level)
            : walk(fragments.get(s.name.value)!.selectionSet, schema.getType(fragments.get(s.name.value)!.typeCondition.name.value), level);
        cost += inner.cost;
        fields += inner.fields;
      }
    }
    return { cost, fields };
  };
  void variables;
  const root = walk(operation.selectionSet, schema.getQueryType(), 1);
  return { depth, rootFields: root.fields, cost: root.cost };
}

/** Documents of the shapes an attacker sends, within the token limit. */
const attackDocument = fc.oneof(
  // fragment doubling (or tripling) down a chain
  fc.record({ n: fc.integer({ min: 1, max: 60 }), times: fc.integer({ min: 1, max: 3 }) }).map(({ n, times }) => fragmentChain(n, times)),
  // deep nesting, plain or through a fragment at every level
  fc.integer({ min: 1, max: 300 }).map((levels) => `{ node { ${'child { '.repeat(levels)}id${' }'.repeat(levels)} } }`),
  fc
    .integer({ min: 1, max: 100 })
    .map(
      (levels) =>
        `{ node { ...L0 } } ${Array.from({ length: levels }, (_, i) => `fragment L${i} on Node { child { ${i + 1 < levels ? `...L${i + 1}` : 'id'} } }`).join(' ')}`,
    ),
  // wide aliases, on fields and through fragments spread side by side
  fc.integer({ min: 1, max: 300 }).map((n) => `{ node { ${Array.from({ length: n }, (_, i) => `a${i}: id`).join(' ')} } }`),
  fc
    .record({ n: fc.integer({ min: 1, max: 30 }), spreads: fc.integer({ min: 1, max: 30 }) })
    .map(
      ({ n, spreads }) =>
        `{ node { ${Array.from({ length: spreads }, () => '...W').join(' ')} } } fragment W on Node { ${Array.from({ length: n }, (_, i) => `w${i}: code`).join(' ')} }`,
    ),
  // directives everywhere
  fc
    .integer({ min: 1, max: 100 })
    .map((n) => `query Q @skip(if: false) { node { ${Array.from({ length: n }, (_, i) => `f${i}: id @include(if: true) @skip(if: false)`).join(' ')} } }`),
  // lists and connections nested under fragment chains
  fc
    .record({ n: fc.integer({ min: 1, max: 30 }), first: fc.integer({ min: 0, max: 100 }) })
    .map(({ n, first }) => `{ shipments(first: ${first}) { edges { node { ...F0 } } } } ${fragmentDefinitions(n, 2, 'children { id }')}`),
);

describe('limits check: linear in the document', () => {
  it('the attack of the review (22 fragments each spreading the next twice: 4,194,304 fields) is measured in a few hundred steps and refused', () => {
    const text = fragmentChain(23, 2, 'id'); // F0..F21 spread the next twice; F22 selects
    expect(countTokens(text)).toBeLessThan(TOKEN_LIMIT);
    const measures = measure(text);
    expect(measures.depth).toBe(2);
    expect(measures.visited).toBeLessThan(200);
    const document = parse(text);
    const check = checkOperation(schema, document, operationOf(document), {}, limits);
    expect(check.exceeded?.limit).toBe('cost');
    expect(check.visited).toBeLessThan(200);
    // the same chain at the root multiplies root fields
    const atRoot = `{ ...R0 } ${Array.from({ length: 23 }, (_, i) => (i === 22 ? `fragment R22 on Query { __typename }` : `fragment R${i} on Query { ...R${i + 1} ...R${i + 1} }`)).join(' ')}`;
    const rootDocument = parse(atRoot);
    const rootCheck = checkOperation(schema, rootDocument, operationOf(rootDocument), {}, limits);
    expect(rootCheck.exceeded?.limit).toBe('rootFields');
    expect(rootCheck.exceeded?.message).toMatch(/4194304 root fields/);
  });

  it('property: the work (nodes visited) stays within 4 x the tokens of any document up to the token limit', () => {
    fc.assert(
      fc.property(attackDocument, (text) => {
        const tokens = countTokens(text);
        fc.pre(tokens <= TOKEN_LIMIT);
        const document = parse(text, { maxTokens: TOKEN_LIMIT });
        const measures = measureOperation(schema, document, operationOf(document), {});
        expect(measures.visited).toBeLessThanOrEqual(4 * tokens);
        const check = checkOperation(schema, document, operationOf(document), {}, limits);
        expect(check.visited).toBeLessThanOrEqual(4 * tokens);
      }),
      { numRuns: 300 },
    );
  });

  it('property: the measures equal those of expanding every fragment at every spread (small documents)', () => {
    const small = fc.oneof(
      fc
        .record({ n: fc.integer({ min: 1, max: 8 }), times: fc.integer({ min: 1, max: 3 }) })
        .map(({ n, times }) => fragmentChain(n, times, 'id children { code }')),
      fc
        .record({ n: fc.integer({ min: 1, max: 6 }), first: fc.integer({ min: 0, max: 50 }) })
        .map(({ n, first }) => `{ shipments(first: ${first}) { edges { node { ...F0 } } } } ${fragmentDefinitions(n, 2)}`),
      fc
        .integer({ min: 1, max: 12 })
        .map(
          (levels) =>
            `{ node { ...L0 } } ${Array.from({ length: levels }, (_, i) => `fragment L${i} on Node { code child { ${i + 1 < levels ? `...L${i + 1} ... on Node { id }` : 'id'} } }`).join(' ')}`,
        ),
    );
    fc.assert(
      fc.property(small, (text) => {
        const document = parse(text);
        const measures = measureOperation(schema, document, operationOf(document), {});
        const expanded = expandedMeasures(document, {});
        expect({ depth: measures.depth, rootFields: measures.rootFields, cost: measures.cost }).toEqual(expanded);
      }),
      { numRuns: 200 },
    );
  });

  it('stops at the first limit exceeded: aliases and directives before walking the fields', () => {
    const text = `{ node { ${Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ')} } }`;
    const document = parse(text);
    const check = checkOperation(schema, document, operationOf(document), {}, limits);
    expect(check.exceeded).toEqual({ limit: 'aliases', message: 'The operation has 16 aliases; at most 15 are allowed.' });
  });

  it('exempts only the limits named (introspection: depth and cost), never aliases or directives', () => {
    const aliases = parse(`{ ${Array.from({ length: 40 }, (_, i) => `s${i}: __typename`).join(' ')} }`);
    expect(checkOperation(schema, aliases, operationOf(aliases), {}, limits, ['depth', 'cost']).exceeded?.limit).toBe('aliases');
    const deep = parse(`{ node { ${'child { '.repeat(12)}id${' }'.repeat(12)} } }`);
    expect(checkOperation(schema, deep, operationOf(deep), {}, limits).exceeded?.limit).toBe('depth');
    expect(checkOperation(schema, deep, operationOf(deep), {}, limits, ['depth', 'cost']).exceeded).toBeNull();
  });
});

describe('cost estimate: first from the value provided, else the declared default, else the schema default', () => {
  const query = (declaration: string) => `query Q${declaration} { shipments(first: $n) { edges { node { id code } } } }`;
  // per page item: edges (1) + node (1) + id + code (2) = 4; shipments itself 1; edges list x10 assumed
  const costFor = (first: number) => 1 + first * (1 + ASSUMED_LIST_SIZE * (1 + 2));

  it('a variable provided wins over its default', () => {
    expect(measure(query('($n: Int = 100)'), { n: 5 }).cost).toBe(costFor(5));
  });

  it('a variable not provided takes its declared default (100, not the 20 the estimate assumed)', () => {
    expect(measure(query('($n: Int = 100)')).cost).toBe(costFor(100));
    expect(measure(query('($n: Int = 100)')).cost).toBe(measure('{ shipments(first: 100) { edges { node { id code } } } }').cost);
  });

  it('a variable neither provided nor defaulted takes the schema default', () => {
    expect(measure(query('($n: Int)')).cost).toBe(costFor(20));
    expect(measure('{ shipments { edges { node { id code } } } }').cost).toBe(costFor(20));
    expect(measure(query('($n: Int)'), { n: null }).cost).toBe(costFor(20));
  });

  it('a field without a schema default for first assumes 20', () => {
    expect(measure('{ unpaged { edges { node { id code } } } }').cost).toBe(costFor(20));
  });

  it('so the declared default fails the limit the literal fails', () => {
    const tight = { ...limits, cost: costFor(50) };
    for (const [text, variables] of [
      ['{ shipments(first: 100) { edges { node { id code } } } }', {}],
      [query('($n: Int = 100)'), {}],
      [query('($n: Int)'), { n: 100 }],
    ] as const) {
      const document = parse(text);
      expect(checkOperation(schema, document, operationOf(document), variables, tight).exceeded?.limit, text).toBe('cost');
    }
  });
});
