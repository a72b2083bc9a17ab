/**
 * Error masking at the edge: clients see stable codes and safe messages, never hosts, ports,
 * stack traces, SQL or Prisma messages. Codes that subgraphs set deliberately pass through.
 */
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, knownErrorCodes } from '../shared/errors.js';

export function maskError(formatted: GraphQLFormattedError, log?: (msg: string, fields: Record<string, unknown>) => void): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const code = typeof extensions.code === 'string' ? extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
  const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
  const safe: GraphQLFormattedError = { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };

  if (code !== ErrorCode.INTERNAL_SERVER_ERROR && knownErrorCodes.has(code)) {
    const keep = Object.fromEntries(Object.entries(extensions).filter(([k]) => ['code', 'argumentName', 'subgraph', 'limit', 'retryAfterSeconds'].includes(k)));
    return { ...safe, extensions: { ...keep, code } };
  }
  log?.('masked error', { code, serviceName, message: formatted.message });
  if (serviceName) {
    return { ...safe, message: `The ${serviceName} service could not answer this part of the request.`, extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: serviceName } };
  }
  return { ...safe, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
