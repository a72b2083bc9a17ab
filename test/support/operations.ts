import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/platform/paths.js';

/** The text of a trusted operation in schema/operations. */
export function operation(name: string): string {
  return readFileSync(join(projectRoot, 'schema', 'operations', `${name}.graphql`), 'utf8');
}
