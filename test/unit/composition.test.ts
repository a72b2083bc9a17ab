/** The supergraph and the derived PostgreSQL schema are committed artifacts: they must match their sources. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, readCommittedSupergraph } from '../../src/gateway/compose.js';
import { readSubgraphTypeDefs } from '../../src/subgraphs/index.js';
import { derivePostgresSchema, postgresSchemaPath } from '../../prisma/derive-schemas.js';
import { projectRoot } from '../../src/platform/paths.js';

describe('supergraph', () => {
  it('composes from schema/<subgraph>/*.graphql', () => {
    const sdl = composeSupergraph();
    expect(sdl).toContain('join__Graph');
    for (const name of ['REGISTRY', 'OPERATORS', 'SHIPMENTS']) expect(sdl).toContain(`${name} @join__graph`);
  });

  it('schema/supergraph.graphql is fresh (run `npm run compose` after editing a subgraph schema)', () => {
    expect(readCommittedSupergraph()).toBe(composeSupergraph());
  });

  it('uses @requires so recognition is computed from facts owned by other subgraphs', () => {
    expect(readSubgraphTypeDefs('registry')).toMatch(/recognition(\([\s\S]*?\))?: ShipmentRecognition\s+@requires/);
  });

  it('reports composition errors clearly', () => {
    const broken = readSubgraphTypeDefs('shipments').replace('reference: ID!\n  consignor', 'reference: Int!\n  consignor');
    const result = composeServices([
      { name: 'registry', url: 'http://r', typeDefs: parse(readSubgraphTypeDefs('registry')) },
      { name: 'operators', url: 'http://o', typeDefs: parse(readSubgraphTypeDefs('operators')) },
      { name: 'shipments', url: 'http://s', typeDefs: parse(broken) },
    ]);
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(result.errors!.map((e) => e.message).join('\n')).toMatch(/Shipment\.reference/);
  });
});

describe('database schemas', () => {
  it('prisma/postgresql/schema.prisma is derived from prisma/schema.prisma (run `npm run generate`)', () => {
    const source = readFileSync(join(projectRoot, 'prisma', 'schema.prisma'), 'utf8');
    expect(readFileSync(postgresSchemaPath, 'utf8')).toBe(derivePostgresSchema(source));
  });

  it('both providers have the same migration history', async () => {
    const { readMigrationList } = await import('../../src/data/migrate.js');
    const names = (p: 'sqlite' | 'postgresql') => readMigrationList(p).migrationDirectories.map((d) => d.path);
    expect(names('sqlite').length).toBeGreaterThan(0);
    expect(names('postgresql')).toEqual(names('sqlite'));
  });
});
