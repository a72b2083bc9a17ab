/** `npm run compose`: writes schema/supergraph.graphql from schema/<subgraph>/*.graphql. */
import { writeFileSync } from 'node:fs';
import { CompositionError, composeSupergraph, supergraphPath } from '../gateway/compose.js';

try {
  writeFileSync(supergraphPath, composeSupergraph());
  process.stdout.write('wrote schema/supergraph.graphql\n');
} catch (error) {
  process.stderr.write(`${error instanceof CompositionError ? error.message : String(error)}\n`);
  process.exit(1);
}
