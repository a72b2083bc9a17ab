/** The Date scalar: an ISO 8601 calendar date, validated on the way in and out. */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate } from '../domain/recognition.js';
import { ErrorCode } from './errors.js';

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be an ISO 8601 calendar date (YYYY-MM-DD), got ${JSON.stringify(value)}.`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'An ISO 8601 calendar date (YYYY-MM-DD) with no time zone.',
  serialize: (value) => parse(value),
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Date must be a string literal (YYYY-MM-DD).', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    return parse(ast.value);
  },
});

/** Today's calendar date in UTC: the default `asOf`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
