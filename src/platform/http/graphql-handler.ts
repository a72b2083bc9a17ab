/**
 * Apollo Server 5 on node:http, without a framework: the integration API
 * (`executeHTTPGraphQLRequest`) plus body limits and the few routes a service needs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { HeaderMap, type ApolloServer, type BaseContext, type GraphQLRequest, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly headers: Record<string, string> = {},
    /** Further stable, client-safe extensions (e.g. an UNAUTHENTICATED reason). */
    readonly extensions: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * The request's body as text, at most `limitBytes` (413 beyond: at once when Content-Length says so, else when the
 * bytes read pass it, and the connection is then dropped, as for-await's early exit dropped it). Read with the
 * stream's events rather than its async iterator, which cost a few percent of a subgraph service's CPU per request
 * (docs/performance.md).
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    return Promise.reject(new HttpError(413, `Request body is larger than ${limitBytes} bytes.`, 'PAYLOAD_TOO_LARGE'));
  }
  return new Promise((resolve, reject) => {
    // Gone before its body was read (the client aborted while the request waited): no event will come.
    if (req.destroyed) return reject(new Error('aborted'));
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        done();
        req.destroy();
        reject(new HttpError(413, `Request body is larger than ${limitBytes} bytes.`, 'PAYLOAD_TOO_LARGE'));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    // Closed before its end: the client went away mid-body.
    const onClose = () => onError(new Error('aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Turns an HTTP request into Apollo's HTTPGraphQLRequest (JSON bodies parsed; other bodies left to Apollo to reject). */
export async function toGraphQLRequest(req: IncomingMessage, url: URL, limitBytes: number): Promise<HTTPGraphQLRequest> {
  const headers = headerMapOf(req);
  let body: unknown = undefined;
  if (req.method === 'POST') {
    const text = await readBody(req, limitBytes);
    const type = headers.get('content-type') ?? '';
    if (/^application\/(graphql-response\+)?json/i.test(type) || /^application\/json/i.test(type)) {
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        throw new HttpError(400, 'The request body is not valid JSON.', 'BAD_REQUEST');
      }
    } else {
      body = text;
    }
  }
  return { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body };
}

export async function writeGraphQLResponse(res: ServerResponse, response: HTTPGraphQLResponse, extraHeaders: Record<string, string> = {}) {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  for (const [key, value] of Object.entries(extraHeaders)) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** A GraphQL-shaped error response for failures before Apollo runs (body too large, bad JSON, ...). */
export function writeHttpError(res: ServerResponse, error: HttpError) {
  writeJson(res, error.status, { errors: [{ message: error.message, extensions: { ...error.extensions, code: error.code } }] }, error.headers);
}

export type ContextFunction<Ctx> = (request: HTTPGraphQLRequest) => Promise<Ctx>;

export function executeGraphQL<Ctx extends BaseContext>(server: ApolloServer<Ctx>, request: HTTPGraphQLRequest, context: ContextFunction<Ctx>) {
  return server.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: () => context(request) });
}

/**
 * The in-process twin of executeGraphQL: the same server, context creation and request pipeline (document
 * cache, validation, error formatting), without HTTP. The caller gets the execution result object itself,
 * never a JSON string: nothing is serialized and parsed again. When the context cannot be created (the
 * identity check refuses the call), the answer is the one Apollo gives over HTTP: that error, formatted,
 * alone (its HTTP status means nothing in-process). An operation the pipeline cannot run at all (server
 * stopped) rejects, as a connection to a stopped service fails.
 */
export async function executeInProcess<Ctx extends BaseContext>(
  server: ApolloServer<Ctx>,
  request: GraphQLRequest,
  context: () => Promise<Ctx>,
): Promise<FormattedExecutionResult> {
  let contextValue: Ctx;
  try {
    contextValue = await context();
  } catch (error) {
    return { errors: [contextCreationError(error)] };
  }
  const response = await server.executeOperation(request, { contextValue });
  if (response.body.kind !== 'single') throw new Error('incremental delivery is not answered in-process');
  return response.body.singleResult;
}

/** As Apollo formats a failed context creation (errorResponse): a GraphQLError as it is, without its `http` hint; anything else INTERNAL_SERVER_ERROR. */
function contextCreationError(error: unknown): GraphQLFormattedError {
  const graphQLError =
    error instanceof GraphQLError
      ? error
      : new GraphQLError(error instanceof Error ? `Context creation failed: ${error.message}` : `Unexpected error value: ${String(error)}`);
  const { http: _http, ...extensions } = graphQLError.extensions;
  return { ...graphQLError.toJSON(), extensions: { ...extensions, code: extensions.code ?? 'INTERNAL_SERVER_ERROR' } };
}
