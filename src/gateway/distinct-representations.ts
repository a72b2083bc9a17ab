/**
 * Each entity asked of a subgraph once per fetch.
 *
 * @apollo/gateway sends one representation per occurrence of an entity in the result so far: a 50-shipment page
 * asks the operators subgraph for 50 consignors when it names 26–36 distinct ones (the benchmark's pages), and the
 * registry for 34–47 programmes when the consignors' certifications name 1–3. The subgraph then loads, resolves,
 * checks access for, and serializes every copy again; over HTTP each copy is also written and parsed twice.
 * Apollo Router deduplicates the same way.
 *
 * Here the data sources send each distinct representation once (equal when their JSON is equal: the gateway
 * builds every representation of a fetch from the same selection, in the same field order), then give the gateway
 * the answer it asked for: `_entities` in its order, one entry per representation it sent, and every error whose path
 * starts at an entity repeated for each occurrence of that entity, with that occurrence's index. Each occurrence gets
 * its own copy of the entity's data. The gateway merges later fetches into these objects by path, so occurrences
 * must not share one. Identical representations get identical answers: a subgraph's answer for an entity
 * depends only on the representation and the caller, and both are the same within one fetch.
 */
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

/** A fetch's request with each representation once, and how to turn the subgraph's answer into the one the gateway asked for. */
export interface DistinctFetch {
  request: GatewayGraphQLRequest;
  expand(response: GatewayGraphQLResponse): GatewayGraphQLResponse;
}

const unchanged = (response: GatewayGraphQLResponse) => response;

/** `request` with its representations made distinct (unchanged when there are none, or none repeats). */
export function distinctRepresentations(request: GatewayGraphQLRequest): DistinctFetch {
  const representations: unknown = request.variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return { request, expand: unchanged };
  const candidates = new Map<string, number[]>();
  const distinct: unknown[] = [];
  const json: (string | undefined)[] = [];
  const jsonOf = (index: number) => (json[index] ??= JSON.stringify(distinct[index]));
  /** For each representation the gateway sent, the index of its distinct one. */
  const occurrence = new Array<number>(representations.length);
  for (let i = 0; i < representations.length; i++) {
    const representation: unknown = representations[i];
    // Compared in full (JSON) only against those with the same top-level scalars (type and key): a page of
    // shipments, each with its consignor's facts, is never stringified, since no two share a reference.
    const key = scalarsOf(representation);
    const same = candidates.get(key);
    let index = -1;
    if (same) {
      const text = JSON.stringify(representation);
      index = same.find((d) => jsonOf(d) === text) ?? -1;
      if (index === -1) json[distinct.length] = text;
    }
    if (index === -1) {
      index = distinct.length;
      distinct.push(representation);
      if (same) same.push(index);
      else candidates.set(key, [index]);
    }
    occurrence[i] = index;
  }
  if (distinct.length === representations.length) return { request, expand: unchanged };
  return {
    request: { ...request, variables: { ...request.variables, representations: distinct } },
    expand: (response) => expandEntities(response, occurrence, distinct.length),
  };
}

/** The representation's top-level scalar fields, names and values (its type and, in practice, its key). */
function scalarsOf(representation: unknown): string {
  if (representation === null || typeof representation !== 'object') return JSON.stringify(representation) ?? '';
  let key = '';
  for (const [name, value] of Object.entries(representation))
    if (value === null || typeof value !== 'object') key += `${name}\u0000${typeof value}\u0000${String(value)}\u0001`;
  return key;
}

function expandEntities(response: GatewayGraphQLResponse, occurrence: readonly number[], distinctCount: number): GatewayGraphQLResponse {
  const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
  let data = response.data;
  if (Array.isArray(entities)) {
    // An answer of another length is not one we can map back: hand it on as it is, and the gateway reports it.
    if (entities.length !== distinctCount) return response;
    const given = new Array<boolean>(distinctCount).fill(false);
    const expanded = occurrence.map((index) => {
      const entity: unknown = entities[index];
      if (!given[index]) {
        given[index] = true;
        return entity;
      }
      return copyTree(entity);
    });
    data = { ...response.data, _entities: expanded };
  }
  const errors = response.errors && expandErrors(response.errors, occurrence, distinctCount);
  return { ...response, data, ...(errors ? { errors } : {}) };
}

type SubgraphError = NonNullable<GatewayGraphQLResponse['errors']>[number];

/**
 * Every error at an entity once per occurrence of that entity, in the order the gateway would have had them from
 * the representations it sent (by occurrence, each entity's errors in the subgraph's order); errors that are not at
 * an entity first, as given.
 */
function expandErrors(errors: readonly SubgraphError[], occurrence: readonly number[], distinctCount: number): SubgraphError[] {
  const other: SubgraphError[] = [];
  const atEntity = new Map<number, SubgraphError[]>();
  for (const error of errors) {
    const path = error.path;
    if (path && path[0] === '_entities' && typeof path[1] === 'number' && path[1] >= 0 && path[1] < distinctCount) {
      const list = atEntity.get(path[1]) ?? [];
      list.push(error);
      atEntity.set(path[1], list);
    } else other.push(error);
  }
  const expanded = other;
  for (let i = 0; i < occurrence.length; i++)
    for (const error of atEntity.get(occurrence[i]) ?? []) expanded.push({ ...error, path: ['_entities', i, ...error.path!.slice(2)] });
  return expanded;
}

/**
 * A copy of a JSON-like result tree (objects, arrays, and scalars, which are shared). A field named `__proto__` (a
 * response name can be) is copied as the own field it is, not assigned, which would set the copy's prototype.
 */
export function copyTree(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyTree);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = copyTree((value as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true, configurable: true });
    else copy[key] = field;
  }
  return copy;
}
