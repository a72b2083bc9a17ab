import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (where package.json, schema/ and prisma/ are). */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
