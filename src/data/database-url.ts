/** What kind of database a DATABASE_URL names. The only place that parses database URLs. */
export type DatabaseProvider = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  provider: DatabaseProvider;
  url: string;
  /** For SQLite, the absolute file path (or ':memory:'). */
  file?: string;
}

import { isAbsolute, resolve } from 'node:path';

export function parseDatabaseUrl(url: string, baseDir: string = process.cwd()): DatabaseTarget {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { provider: 'postgresql', url };
  }
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0];
    if (!path) throw new Error('DATABASE_URL "file:" needs a path, e.g. file:./data/customs.db');
    const file = path === ':memory:' ? path : isAbsolute(path) ? path : resolve(baseDir, path);
    return { provider: 'sqlite', url: `file:${file}`, file };
  }
  throw new Error('DATABASE_URL must start with file: (embedded SQLite) or postgresql:// (PostgreSQL)');
}

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
