/**
 * Limits on free-form operations: depth, aliases (no exemption for __typename), directives, root
 * fields and a list-aware cost, all measured with fragments expanded. Tokens are limited by the parser
 * (`parseOptions.maxTokens`), body size by the HTTP layer, `first` by the subgraphs.
 */
import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type DocumentNode,
} from 'graphql';
import type { Limits } from '../config.js';

export interface OperationMeasures {
  depth: number;
  aliases: number;
  directives: number;
  rootFields: number;
  cost: number;
}

/** A list field that is not a connection is assumed to hold this many items. */
export const ASSUMED_LIST_SIZE = 10;
const DEFAULT_FIRST = 20;

function argumentValue(node: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!node) return undefined;
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  return undefined;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): OperationMeasures {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  let aliases = 0;
  let directives = 0;
  // Aliases and directives are counted over the document text as sent, fragments included once.
  const countIn = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(countIn);
    const n = node as { kind?: string; alias?: unknown; directives?: unknown[] };
    if (n.kind === Kind.FIELD && n.alias) aliases++;
    if (Array.isArray(n.directives)) directives += n.directives.length;
    for (const [key, value] of Object.entries(node)) if (key !== 'loc') countIn(value);
  };
  countIn(document.definitions);

  const rootType = schema.getRootType(operation.operation);
  let maxDepth = 0;
  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType | null | undefined,
    depth: number,
    seen: Set<string>,
  ): { cost: number; fields: number } => {
    let cost = 0;
    let fields = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        fields++;
        maxDepth = Math.max(maxDepth, depth);
        const field: GraphQLField<unknown, unknown> | undefined =
          parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        if (!selection.selectionSet) {
          cost += selection.name.value === '__typename' ? 0 : 1;
          continue;
        }
        const child = walk(selection.selectionSet, field ? getNamedType(field.type) : null, depth + 1, seen);
        let multiplier = 1;
        const hasFirst = field?.args.some((a) => a.name === 'first');
        if (hasFirst) {
          const first = argumentValue(selection.arguments?.find((a) => a.name.value === 'first')?.value, variables);
          multiplier = typeof first === 'number' && first >= 0 ? first : DEFAULT_FIRST;
        } else if (field && isList(field.type)) {
          multiplier = ASSUMED_LIST_SIZE;
        }
        cost += 1 + multiplier * child.cost;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        const inner = walk(selection.selectionSet, type, depth, seen);
        cost += inner.cost;
        fields += inner.fields;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const inner = walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), depth, new Set([...seen, fragment.name.value]));
        cost += inner.cost;
        fields += inner.fields;
      }
    }
    return { cost, fields };
  };
  const root = walk(operation.selectionSet, rootType, 1, new Set());
  return { depth: maxDepth, aliases, directives, rootFields: root.fields, cost: root.cost };
}

/** The first limit an operation exceeds, as a client-facing message, or null. */
export function exceededLimit(measures: OperationMeasures, limits: Limits): { limit: string; message: string } | null {
  const checks: [keyof OperationMeasures, number, string][] = [
    ['depth', limits.depth, 'deep'],
    ['aliases', limits.aliases, 'aliases'],
    ['directives', limits.directives, 'directives'],
    ['rootFields', limits.rootFields, 'root fields'],
    ['cost', limits.cost, 'cost'],
  ];
  for (const [key, max, label] of checks) {
    if (measures[key] > max) {
      return {
        limit: key,
        message:
          key === 'depth'
            ? `The operation is ${measures.depth} levels deep; at most ${max} are allowed.`
            : `The operation has ${label === 'cost' ? 'an estimated cost of ' + measures.cost : measures[key] + ' ' + label}; at most ${max} ${label === 'cost' ? '' : 'are '}allowed.`.replace(
                '  ',
                ' ',
              ),
      };
    }
  }
  return null;
}
