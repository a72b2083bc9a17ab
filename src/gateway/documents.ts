/**
 * Trusted documents: the operations in schema/operations/*.graphql, published as a manifest in
 * Apollo's persisted-query-manifest format (schema/operations/manifest.json, `npm run documents`).
 * Persisted-only clients run these and nothing else, by `documentId` (GraphQL-over-HTTP persisted
 * documents, `sha256:<hash>` or the bare hash) or by `extensions.persistedQuery.sha256Hash`.
 *
 * The manifest is built the way @apollo/generate-persisted-query-manifest builds it: each operation
 * with the fragments it uses, Apollo Client's addTypename transform applied (`__typename` in every
 * selection set but the operation's root, so that a normalized cache can identify the objects), the
 * definitions sorted as @apollo/persisted-query-lists sorts them (operation, then fragments by name),
 * printed by graphql-js; the id is the sha256 of that body. A client using
 * generatePersistedQueryIdsFromManifest gets the same ids and the same text as its cache expects.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { projectRoot } from '../platform/paths.js';
import type { HTTPGraphQLRequest } from '@apollo/server';
import { HttpError } from '../platform/http/graphql-handler.js';

export const operationsDir = join(projectRoot, 'schema', 'operations');
export const manifestPath = join(operationsDir, 'manifest.json');

export interface ManifestOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}
export interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * Apollo Client's addTypename transform (addTypenameToDocument): `__typename` appended to every
 * selection set except an operation's root, unless the set already selects __typename or an
 * introspection field, or belongs to a field marked @export.
 */
export function addTypename(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: {
      enter(node, _key, parent) {
        if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION) return undefined;
        if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'))) return undefined;
        const field = parent as FieldNode | undefined;
        if (field?.kind === Kind.FIELD && field.directives?.some((d) => d.name.value === 'export')) return undefined;
        return { ...node, selections: [...node.selections, TYPENAME] };
      },
    },
  });
}

/** @apollo/persisted-query-lists' sortTopLevelDefinitions: operations before fragments, then by name (code-unit order). */
function sortTopLevelDefinitions(document: DocumentNode): DocumentNode {
  const name = (d: DefinitionNode) => ('name' in d && d.name ? d.name.value : '');
  const definitions = [...document.definitions].sort((a, b) =>
    a.kind !== b.kind ? (a.kind > b.kind ? -1 : 1) : name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0,
  );
  return { ...document, definitions };
}

/**
 * The text Apollo Client sends for a document (an operation with the fragments it uses): addTypename
 * applied, definitions sorted, printed. A trusted document's body; its sha256 is the document id.
 */
export function trustedBody(document: DocumentNode): string {
  return print(sortTopLevelDefinitions(addTypename(document)));
}

/** Builds the manifest from the .graphql files: one entry per operation, with the fragments it uses. */
export function buildManifest(dir = operationsDir): Manifest {
  const definitions: DefinitionNode[] = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .flatMap((f) => parse(readFileSync(join(dir, f), 'utf8')).definitions);
  const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operations = definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((op) => {
      if (!op.name) throw new Error('every trusted operation needs a name');
      const used = new Set<string>();
      const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
        visit(node, {
          FragmentSpread(spread) {
            const fragment = fragments.get(spread.name.value);
            if (fragment && !used.has(fragment.name.value)) {
              used.add(fragment.name.value);
              collect(fragment);
            }
          },
        });
      collect(op);
      const body = trustedBody({ kind: Kind.DOCUMENT, definitions: [op, ...[...used].map((n) => fragments.get(n)!)] });
      return { id: sha256(body), name: op.name.value, type: op.operation, body };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const names = operations.map((o) => o.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`two trusted operations are named ${duplicate}`);
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
}

export class TrustedDocuments {
  private readonly byId: Map<string, ManifestOperation>;
  constructor(readonly manifest: Manifest) {
    this.byId = new Map(manifest.operations.map((o) => [o.id, o]));
  }
  get(id: string): ManifestOperation | undefined {
    return this.byId.get(id.startsWith('sha256:') ? id.slice('sha256:'.length) : id);
  }
}

const notInList = (message: string) => new HttpError(400, message, 'PERSISTED_QUERY_NOT_IN_LIST');

type Params = { query?: unknown; documentId?: unknown; extensions?: unknown; variables?: unknown; operationName?: unknown };

/** Reads the GraphQL parameters of a GET (search params) or POST (JSON body) request. */
function paramsOf(request: HTTPGraphQLRequest): Params {
  if (request.method === 'GET') {
    const search = new URLSearchParams(request.search);
    const json = (key: string) => {
      const v = search.get(key);
      if (v == null) return undefined;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        throw new HttpError(400, `The ${key} parameter is not valid JSON.`, 'BAD_REQUEST');
      }
    };
    return { query: search.get('query') ?? undefined, documentId: search.get('documentId') ?? undefined, extensions: json('extensions') };
  }
  return request.body && typeof request.body === 'object' ? request.body : {};
}

function withQuery(request: HTTPGraphQLRequest, body: string): HTTPGraphQLRequest {
  if (request.method === 'GET') {
    const search = new URLSearchParams(request.search);
    search.delete('documentId');
    search.set('query', body);
    const ext = search.get('extensions');
    if (ext) {
      const parsed = JSON.parse(ext) as Record<string, unknown>;
      delete parsed.persistedQuery;
      if (Object.keys(parsed).length) search.set('extensions', JSON.stringify(parsed));
      else search.delete('extensions');
    }
    return { ...request, search: `?${search.toString()}` };
  }
  const { documentId: _d, extensions, ...rest } = request.body as Params & Record<string, unknown>;
  const ext = { ...((extensions as Record<string, unknown>) ?? {}) };
  delete ext.persistedQuery;
  return { ...request, body: { ...rest, query: body, ...(Object.keys(ext).length ? { extensions: ext } : {}) } };
}

/**
 * Resolves a request against the trusted documents. Returns the request to execute (with the
 * manifest's text substituted) and the document id, or throws PERSISTED_QUERY_NOT_IN_LIST.
 */
export function resolveTrustedDocument(
  documents: TrustedDocuments,
  request: HTTPGraphQLRequest,
  persistedOnly: boolean,
): { request: HTTPGraphQLRequest; documentId?: string } {
  const params = paramsOf(request);
  const hash = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  const id = typeof params.documentId === 'string' ? params.documentId : typeof hash === 'string' ? hash : undefined;
  const hasText = typeof params.query === 'string' && params.query.length > 0;

  if (persistedOnly && hasText) {
    throw notInList('This client may run trusted documents only: send documentId (or a persisted query hash) without query text.');
  }
  if (id !== undefined) {
    const operation = documents.get(id);
    if (operation) {
      if (hasText && params.query !== operation.body) throw notInList('The query text does not match the trusted document it names.');
      return { request: withQuery(request, operation.body), documentId: operation.id };
    }
    if (persistedOnly || typeof params.documentId === 'string') {
      throw notInList(`No trusted document has the id ${JSON.stringify(id)}.`);
    }
    return { request }; // an automatic persisted query: Apollo's APQ cache answers or asks for the text
  }
  if (persistedOnly) throw notInList('This client may run trusted documents only: send documentId or a persisted query hash.');
  return { request };
}
