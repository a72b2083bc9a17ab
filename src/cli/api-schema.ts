/** Writes schema/api.graphql from schema/supergraph.graphql (run by `npm run compose`). */
import { writeFileSync } from 'node:fs';
import { readCommittedSupergraph } from '../gateway/compose.js';
import { apiSchemaPath, printApiSchema } from '../client/api-schema.js';

writeFileSync(apiSchemaPath, printApiSchema(readCommittedSupergraph()));
process.stdout.write('wrote schema/api.graphql\n');
