/**
 * Trusted documents: the operations in schema/operations/*.graphql, published as a manifest in
 * Apollo's persisted-query-manifest format (schema/operations/manifest.json, `npm run documents`).
 * Persisted-only clients run these and nothing else, by `documentId` (GraphQL-over-HTTP persisted
 * documents, `sha256:<hash>` or the bare hash) or by `extensions.persistedQuery.sha256Hash`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
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
      const visit = (text: string) => {
        for (const match of text.matchAll(/\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)/g)) {
          const name = match[1];
          if (name === 'on' || used.has(name) || !fragments.has(name)) continue;
          used.add(name);
          visit(print(fragments.get(name)!));
        }
      };
      visit(print(op));
      const body = [print(op), ...[...used].sort().map((n) => print(fragments.get(n)!))].join('\n\n');
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
        return JSON.parse(v);
      } catch {
        throw new HttpError(400, `The ${key} parameter is not valid JSON.`, 'BAD_REQUEST');
      }
    };
    return { query: search.get('query') ?? undefined, documentId: search.get('documentId') ?? undefined, extensions: json('extensions') };
  }
  return request.body && typeof request.body === 'object' ? (request.body as Params) : {};
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
