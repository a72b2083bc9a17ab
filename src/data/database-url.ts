/** Database targets are parsed once, by the configuration (src/config.ts); this module describes them. */
import type { DatabaseTarget } from '../config.js';

export { parseDatabaseUrl, type DatabaseProvider, type DatabaseTarget } from '../config.js';

/** Redacts credentials so a URL can be logged. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.provider === 'sqlite') return `SQLite ${target.file}`;
  try {
    const u = new URL(target.url);
    return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
