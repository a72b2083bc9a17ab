/** The stable error codes clients rely on (`extensions.code`), and helpers that throw them. */
import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A malformed HTTP request, or an operation the gateway does not serve (subscriptions). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** operationName names no operation of the document, or is missing when it has several. */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /** Every execution slot and the short queue are taken: HTTP 503 with Retry-After, at once. */
  OVERLOADED: 'OVERLOADED',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const knownErrorCodes = new Set<string>([...Object.values(ErrorCode), 'PERSISTED_QUERY_NOT_SUPPORTED', 'CSRF_PREVENTED']);

/**
 * An expected refusal (need-to-know, not found, bad input): an answer, not a fault, so it carries no stack
 * trace. Clients never see stacks, and a need-to-know page of 50 shipments raises dozens of these: capturing
 * and source-mapping each stack was ~6% of the list's CPU (profile: `npm run bench:profile -- --scenario list`).
 * graphql-js's `locatedError` reuses the original's (empty) stack instead of capturing one.
 */
export function refusal(message: string, extensions: Record<string, unknown> & { code: ErrorCode }, at?: GraphQLResolveInfo): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // Raised in a resolver (`at`): located already (its field's nodes and path), so graphql-js records it as it is
    // instead of building a second GraphQLError around it (~40 µs each, most of it formatting a stack nobody reads).
    const error = new GraphQLError(message, { extensions, ...(at ? { nodes: at.fieldNodes, path: responsePathAsArray(at.path) } : {}) });
    // A plain string, so that reading it (locatedError does) never runs the stack formatter (and source maps).
    Object.defineProperty(error, 'stack', { value: `GraphQLError: ${message}`, writable: true, configurable: true });
    return error;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function notFound(what: string, key: string): GraphQLError {
  return refusal(`${what} ${JSON.stringify(key)} was not found.`, { code: ErrorCode.NOT_FOUND });
}

export function badInput(message: string, argumentName?: string): GraphQLError {
  return refusal(message, { code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) });
}
