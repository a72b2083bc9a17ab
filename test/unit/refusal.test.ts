import { describe, expect, it } from 'vitest';
import { graphql } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { forbidden } from '../../src/platform/access.js';
import { notFound, refusal } from '../../src/platform/errors.js';

const schema = makeExecutableSchema({
  typeDefs: 'type Query { operator: Operator } type Operator { id: ID! address: String certifications: [String!] }',
  resolvers: {
    Query: { operator: () => ({ id: 'OP-1' }) },
    Operator: {
      address: (_o: unknown, _a: unknown, _c: unknown, info: Parameters<typeof forbidden>[1]) => {
        throw forbidden('KR-KCS may not see the address of operator OP-1.', info);
      },
      certifications: async () => {
        await Promise.resolve();
        throw notFound('Certification', 'C-1');
      },
    },
  },
});

describe('refusals (expected errors: need-to-know, not found, bad input)', () => {
  it('raised in a resolver with its info: the same located error graphql-js would make (message, locations, path, code)', async () => {
    const result = await graphql({ schema, source: '{\n  operator {\n    id\n    address\n    certifications\n  }\n}' });
    expect(result.data).toEqual({ operator: { id: 'OP-1', address: null, certifications: null } });
    expect(result.errors?.map((e) => e.toJSON())).toEqual([
      {
        message: 'KR-KCS may not see the address of operator OP-1.',
        locations: [{ line: 4, column: 5 }],
        path: ['operator', 'address'],
        extensions: { code: 'FORBIDDEN' },
      },
      {
        message: 'Certification "C-1" was not found.',
        locations: [{ line: 5, column: 5 }],
        path: ['operator', 'certifications'],
        extensions: { code: 'NOT_FOUND' },
      },
    ]);
  });

  it('carries no stack frames, and leaves the stack trace limit as it was', () => {
    const before = Error.stackTraceLimit;
    const error = refusal('No.', { code: 'FORBIDDEN' });
    expect(error.stack).toBe('GraphQLError: No.');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('fault').stack?.split('\n').length).toBeGreaterThan(1);
  });
});
