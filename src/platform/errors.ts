/** The stable error codes clients rely on (`extensions.code`), and helpers that throw them. */
import { GraphQLError } from 'graphql';

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

export function notFound(what: string, key: string): GraphQLError {
  return new GraphQLError(`${what} ${JSON.stringify(key)} was not found.`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function badInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) } });
}
