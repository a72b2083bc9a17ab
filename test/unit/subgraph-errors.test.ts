/**
 * The errors of a subgraph's answer are turned into the gateway's GraphQLErrors without capturing a stack
 * (src/gateway/datasources.ts, SubgraphErrors): nothing else changes, and the stack limit is restored.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { forGateway, SubgraphErrors } from '../../src/gateway/datasources.js';

const frames = (error: Error) => (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).length;
const subgraphErrors = () => [
  { message: 'Forbidden', path: ['shipments', 0, 'consignor'], extensions: { code: 'FORBIDDEN' } },
  { message: 'Not found', extensions: { code: 'NOT_FOUND' } },
];

describe('subgraph errors handed to the gateway', () => {
  it('are converted by map without a stack, and are otherwise the same errors', () => {
    const response = forGateway({ data: { a: 1 }, errors: subgraphErrors() });
    expect(response.errors).toBeInstanceOf(SubgraphErrors);
    expect([...response.errors!]).toEqual(subgraphErrors());
    const converted = response.errors!.map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
    expect(Array.isArray(converted) && !(converted instanceof SubgraphErrors)).toBe(true);
    expect(converted.map((e) => [e.message, e.extensions.code])).toEqual([
      ['Forbidden', 'FORBIDDEN'],
      ['Not found', 'NOT_FOUND'],
    ]);
    expect(converted.every((e) => frames(e) === 0)).toBe(true);
    // Everywhere else, stacks as usual.
    expect(frames(new GraphQLError('elsewhere'))).toBeGreaterThan(0);
  });

  it('restore the stack limit when a conversion throws', () => {
    const limit = Error.stackTraceLimit;
    const errors = forGateway({ errors: subgraphErrors() }).errors!;
    expect(() =>
      errors.map(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it('leave an answer without errors as it is', () => {
    const response = { data: { a: 1 } };
    expect(forGateway(response)).toBe(response);
    expect(response).toEqual({ data: { a: 1 } });
  });

  it('rely on @apollo/gateway converting them with map (checked on its code: an upgrade that stops would lose only the saving)', () => {
    const require = createRequire(import.meta.url);
    const source = readFileSync(require.resolve('@apollo/gateway/dist/executeQueryPlan.js'), 'utf8');
    expect(source).toMatch(/response\.errors\.map\(\(error\) => downstreamServiceError\(/);
  });
});
