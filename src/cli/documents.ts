/** `npm run documents`: writes schema/operations/manifest.json from schema/operations/*.graphql. */
import { writeFileSync } from 'node:fs';
import { buildManifest, manifestPath } from '../gateway/documents.js';

const manifest = buildManifest();
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
process.stdout.write(`wrote schema/operations/manifest.json (${manifest.operations.length} operations)\n`);
