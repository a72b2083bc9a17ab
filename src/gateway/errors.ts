/**
 * Error masking at the edge: clients see stable codes and safe messages, never hosts, ports,
 * stack traces, SQL or Prisma messages. Codes that subgraphs set deliberately pass through.
 */
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, knownErrorCodes } from '../platform/errors.js';

export function maskError(formatted: GraphQLFormattedError, log?: (msg: string, fields: Record<string, unknown>) => void): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const code = typeof extensions.code === 'string' ? extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
  const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
  const safe: GraphQLFormattedError = {
    message: formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };

  if (code !== ErrorCode.INTERNAL_SERVER_ERROR && knownErrorCodes.has(code)) {
    const keep = Object.fromEntries(Object.entries(extensions).filter(([k]) => ['code', 'argumentName', 'subgraph', 'limit', 'retryAfterSeconds'].includes(k)));
    return { ...safe, extensions: { ...keep, code } };
  }
  log?.('masked error', { code, serviceName, message: formatted.message });
  if (serviceName) {
    // An error the subgraph reported itself is internal to it; anything else means it could not be reached.
    const failed = code === ErrorCode.INTERNAL_SERVER_ERROR && typeof formatted.extensions?.code === 'string';
    return failed
      ? {
          ...safe,
          message: `The ${serviceName} service failed to answer this part of the request.`,
          extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, subgraph: serviceName },
        }
      : {
          ...safe,
          message: `The ${serviceName} service could not answer this part of the request.`,
          extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: serviceName },
        };
  }
  return { ...safe, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
