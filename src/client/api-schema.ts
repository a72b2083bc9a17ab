/**
 * The API schema: what clients see of the supergraph (no federation join directives, no
 * `join__*`/`link__*` types). Front ends generate their typed documents against it
 * (`schema/api.graphql`, committed; `npm run compose` rewrites it with the supergraph, and a test
 * fails when it is stale).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { projectRoot } from '../platform/paths.js';

export const apiSchemaPath = join(projectRoot, 'schema', 'api.graphql');

const HEADER =
  '# GENERATED from schema/supergraph.graphql by `npm run compose` (Supergraph.build(sdl).apiSchema()). Do not edit.\n' +
  '# The schema clients see: use it for typed documents (codegen.ts) and editor tooling.\n\n';

/** Prints the API schema of a supergraph SDL. */
export function printApiSchema(supergraphSdl: string): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return HEADER + printSchema(api) + '\n';
}

export function readCommittedApiSchema(): string {
  return readFileSync(apiSchemaPath, 'utf8');
}
