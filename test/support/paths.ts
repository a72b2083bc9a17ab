import { join } from 'node:path';
import { projectRoot } from '../../src/shared/paths.js';

export const tmpDir = join(projectRoot, 'test', '.tmp');
export const templateDbPath = join(tmpDir, 'template.db');
export const devIssuerKeyFile = join(tmpDir, 'dev-issuer-key.json');
/** A small synthetic population keeps the suite fast; the demo records are always seeded. */
export const testSeed = { operators: 150, shipments: 1500 };
