/**
 * Limits on free-form operations: depth, aliases (no exemption for __typename), directives, root
 * fields and a list-aware cost, all measured with fragments expanded. Tokens are limited by the parser
 * (`parseOptions.maxTokens`), body size by the HTTP layer, `first` by the subgraphs.
 *
 * The measure is linear in the size of the document whatever its fragments: each fragment is walked
 * once and its summary (cost, root fields, relative depth) reused at every spread, so a document of
 * fragments that each spread the next one twice costs its length, not 2^n. `visited` counts the AST
 * nodes the measure touched (the work done), for tests and the limits benchmark.
 */
import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type DocumentNode,
} from 'graphql';
import type { Limits } from '../config.js';

export interface OperationMeasures {
  depth: number;
  aliases: number;
  directives: number;
  rootFields: number;
  cost: number;
  /** AST nodes visited to measure (the work done): linear in the document size. */
  visited: number;
}

export type LimitName = 'depth' | 'aliases' | 'directives' | 'rootFields' | 'cost';

/** A list field that is not a connection is assumed to hold this many items. */
export const ASSUMED_LIST_SIZE = 10;
/** `first` when neither the operation nor the schema gives one. */
const DEFAULT_FIRST = 20;

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * The page size a connection field will really be asked for: the value provided for its `first`
 * (a literal, or a variable as sent), else the variable's declared default, else the schema's default.
 */
export function pageSize(
  selection: FieldNode,
  field: GraphQLField<unknown, unknown>,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const schemaDefault = field.args.find((a) => a.name === 'first')?.defaultValue;
  const argument = selection.arguments?.find((a) => a.name.value === 'first');
  let value: unknown = schemaDefault;
  if (argument && argument.value.kind === Kind.VARIABLE) {
    const name = argument.value.name.value;
    if (Object.hasOwn(variables, name)) value = variables[name];
    else {
      const declared = operation.variableDefinitions?.find((d) => d.variable.name.value === name)?.defaultValue;
      if (declared) value = valueFromASTUntyped(declared);
    }
  } else if (argument) {
    value = valueFromASTUntyped(argument.value);
  }
  if (value === null || value === undefined) value = schemaDefault;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_FIRST;
}

/** Aliases and directives over the document text as sent (each fragment once): one pass, no schema. */
function countAliasesAndDirectives(document: DocumentNode): { aliases: number; directives: number; visited: number } {
  let aliases = 0;
  let directives = 0;
  let visited = 0;
  const inSet = (set: SelectionSetNode | undefined) => {
    if (!set) return;
    for (const selection of set.selections) {
      visited++;
      directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD && selection.alias) aliases++;
      if (selection.kind !== Kind.FRAGMENT_SPREAD) inSet(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    visited++;
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      directives += definition.directives?.length ?? 0;
      for (const variable of definition.variableDefinitions ?? []) {
        visited++;
        directives += variable.directives?.length ?? 0;
      }
      inSet(definition.selectionSet);
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      directives += definition.directives?.length ?? 0;
      inSet(definition.selectionSet);
    }
  }
  return { aliases, directives, visited };
}

interface Summary {
  cost: number;
  /** Fields of this selection set, fragments expanded (the root fields, at the root). */
  fields: number;
  /** Levels of fields below and including this selection set (0 when it selects no field). */
  depth: number;
}

/** Depth, root fields and cost, fragments expanded, each fragment measured once. */
function measureSelections(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Summary & { visited: number } {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const summaries = new Map<string, Summary>();
  const inProgress = new Set<string>();
  let visited = 0;

  const fragmentSummary = (name: string): Summary => {
    const known = summaries.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown and cyclic spreads are refused by validation before this runs; measured as nothing here.
    if (!fragment || inProgress.has(name)) return { cost: 0, fields: 0, depth: 0 };
    inProgress.add(name);
    const summary = walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
    inProgress.delete(name);
    summaries.set(name, summary);
    return summary;
  };

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | null | undefined): Summary => {
    let cost = 0;
    let fields = 0;
    let depth = 0;
    for (const selection of selectionSet.selections) {
      visited++;
      if (selection.kind === Kind.FIELD) {
        fields++;
        const field: GraphQLField<unknown, unknown> | undefined =
          parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        if (!selection.selectionSet) {
          depth = Math.max(depth, 1);
          cost += selection.name.value === '__typename' ? 0 : 1;
          continue;
        }
        const child = walk(selection.selectionSet, field ? getNamedType(field.type) : null);
        depth = Math.max(depth, 1 + child.depth);
        let multiplier = 1;
        if (field?.args.some((a) => a.name === 'first')) multiplier = pageSize(selection, field, operation, variables);
        else if (field && isList(field.type)) multiplier = ASSUMED_LIST_SIZE;
        cost += 1 + multiplier * child.cost;
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent)
            : fragmentSummary(selection.name.value);
        cost += inner.cost;
        fields += inner.fields;
        depth = Math.max(depth, inner.depth);
      }
    }
    return { cost, fields, depth };
  };

  const root = walk(operation.selectionSet, schema.getRootType(operation.operation));
  return { ...root, visited };
}

/** Every measure of an operation (for reports and tests; `checkOperation` stops at the first limit exceeded). */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): OperationMeasures {
  const counted = countAliasesAndDirectives(document);
  const measured = measureSelections(schema, document, operation, variables);
  return {
    depth: measured.depth,
    aliases: counted.aliases,
    directives: counted.directives,
    rootFields: measured.fields,
    cost: measured.cost,
    visited: counted.visited + measured.visited,
  };
}

export interface LimitCheck {
  exceeded: { limit: LimitName; message: string } | null;
  /** AST nodes visited (the work done). */
  visited: number;
}

function message(limit: LimitName, value: number, max: number): string {
  switch (limit) {
    case 'depth':
      return `The operation is ${value} levels deep; at most ${max} are allowed.`;
    case 'cost':
      return `The operation has an estimated cost of ${value}; at most ${max} allowed.`;
    case 'rootFields':
      return `The operation has ${value} root fields; at most ${max} are allowed.`;
    default:
      return `The operation has ${value} ${limit}; at most ${max} are allowed.`;
  }
}

/**
 * Checks an operation against the limits, cheapest measures first, stopping at the first one
 * exceeded. `exempt` names limits that do not apply (an analyst's introspection-only operation is
 * bounded by the schema, not by data: depth and cost only).
 */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: Pick<Limits, LimitName>,
  exempt: readonly LimitName[] = [],
): LimitCheck {
  const applies = (limit: LimitName) => !exempt.includes(limit);
  const counted = countAliasesAndDirectives(document);
  for (const limit of ['aliases', 'directives'] as const) {
    if (applies(limit) && counted[limit] > limits[limit])
      return { exceeded: { limit, message: message(limit, counted[limit], limits[limit]) }, visited: counted.visited };
  }
  const measured = measureSelections(schema, document, operation, variables);
  const visited = counted.visited + measured.visited;
  const values: [LimitName, number][] = [
    ['depth', measured.depth],
    ['rootFields', measured.fields],
    ['cost', measured.cost],
  ];
  for (const [limit, value] of values) {
    if (applies(limit) && value > limits[limit]) return { exceeded: { limit, message: message(limit, value, limits[limit]) }, visited };
  }
  return { exceeded: null, visited };
}

/** The first limit an operation exceeds, as a client-facing message, or null. */
export function exceededLimit(measures: OperationMeasures, limits: Pick<Limits, LimitName>): { limit: LimitName; message: string } | null {
  for (const limit of ['depth', 'aliases', 'directives', 'rootFields', 'cost'] as const) {
    if (measures[limit] > limits[limit]) return { limit, message: message(limit, measures[limit], limits[limit]) };
  }
  return null;
}
