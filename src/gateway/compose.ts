/** Composes the supergraph from every subgraph's SDL (the list in src/subgraphs/index.ts) with @apollo/composition. */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../platform/paths.js';
import { subgraphs } from '../subgraphs/index.js';
import { readSdl } from '../subgraphs/subgraph.js';

export const supergraphPath = join(projectRoot, 'schema', 'supergraph.graphql');

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`The subgraph schemas in schema/ do not compose into a supergraph:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** The URL recorded for each subgraph in the committed supergraph: a placeholder that routers override. */
export const placeholderUrl = (name: string) => `http://${name}.customs-gateway.internal/graphql`;

export function composeSupergraph(): string {
  const result = composeServices(subgraphs.map(({ name, sdl }) => ({ name, url: placeholderUrl(name), typeDefs: parse(readSdl(sdl)) })));
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return result.supergraphSdl;
}

export function readCommittedSupergraph(): string {
  return readFileSync(supergraphPath, 'utf8');
}
