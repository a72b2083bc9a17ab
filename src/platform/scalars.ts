/**
 * GraphQL leaf values: the Date scalar (an ISO 8601 calendar date, validated on the way in and out), and
 * enum values read back from the database as plain strings.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate } from '../domain/dates.js';
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

/**
 * `value` as a member of the GraphQL enum whose values are `values`. The database stores enum values as
 * text; a value outside the enum is a data fault (GraphQL would refuse to serialize it), reported as such.
 */
export function enumValue<T extends string>(values: readonly T[], value: string, type: string): T {
  // No inner function: a hot path (every enum value of every row), and each closure would be named again under tsx.
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new Error(`${JSON.stringify(value)} is not a value of the enum ${type}.`);
}

/** ISO 8601 instant with a UTC offset: date, 'T', hours and minutes, optional seconds and fraction, then Z or ±hh:mm. */
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function parseInstant(value: unknown): string {
  const m = typeof value === 'string' ? INSTANT_RE.exec(value) : null;
  const ms = m && isIsoDate(`${m[1]}-${m[2]}-${m[3]}`) ? Date.parse(value as string) : NaN;
  if (!Number.isFinite(ms)) {
    throw new GraphQLError(
      `DateTime must be an ISO 8601 instant with a UTC offset (e.g. 2024-06-01T12:00:00Z or 2024-06-01T21:00:00+09:00), got ${JSON.stringify(value)}.`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT } },
    );
  }
  return new Date(ms).toISOString();
}

/** The DateTime scalar: an ISO 8601 instant with an offset; normalized to UTC (YYYY-MM-DDTHH:mm:ss.sssZ) on the way in and out. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An ISO 8601 instant with a UTC offset (2024-06-01T12:00:00Z, 2024-06-01T21:00:00+09:00); answered in UTC.',
  serialize: (value) => parseInstant(value instanceof Date ? value.toISOString() : value),
  parseValue: (value) => parseInstant(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string literal (e.g. 2024-06-01T12:00:00Z).', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    return parseInstant(ast.value);
  },
});
