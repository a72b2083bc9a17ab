/**
 * Prisma client factory: the only place that picks a driver adapter. Everything else receives a
 * `Db` and never imports Prisma directly (repositories live beside this file).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.js';
import { PrismaClient as PostgresClient } from './generated/postgresql/client.js';
import type { DatabaseTarget } from './database-url.js';
import { withReusedStatements } from './sqlite-statements.js';
import { ConnectionCapture, DirectReads, registerDirectReads } from './direct-reads.js';

/** Both generated clients have the same models; code is typed against one of them. */
export type Db = InstanceType<typeof SqliteClient>;

export interface DbOptions {
  /** Called for every SQL statement the client sends (statement counting in tests and benchmarks). */
  onQuery?: (sql: string) => void;
  /**
   * SQLite: prepare each SQL text once per connection and reuse the statement (sqlite-statements.ts).
   * Default true; false prepares every query anew, as the adapter does alone (tests compare the two).
   */
  reuseStatements?: boolean;
}

/** SQLite: the folder of the database file, made if missing (a new checkout has no `data/`). */
export function ensureDatabaseFolder(target: DatabaseTarget): void {
  if (target.provider === 'sqlite' && target.file && target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
}

export function createDb(target: DatabaseTarget, options: DbOptions = {}): Db {
  const log = options.onQuery ? [{ emit: 'event' as const, level: 'query' as const }] : [];
  let db: Db;
  // The connection the client opens is also the one of its direct reads (direct-reads.ts).
  const capture = new ConnectionCapture();
  if (target.provider === 'sqlite') {
    ensureDatabaseFolder(target);
    const adapter = new PrismaBetterSqlite3({ url: target.url });
    db = new SqliteClient({ adapter: capture.wrap(options.reuseStatements === false ? adapter : withReusedStatements(adapter)), log });
  } else {
    db = new PostgresClient({ adapter: capture.wrap(new PrismaPg({ connectionString: target.url })), log }) as unknown as Db;
  }
  const client = db;
  registerDirectReads(db, new DirectReads(target.provider, capture, () => client.$connect(), options.onQuery));
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (db as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => onQuery(e.query));
  }
  return db;
}
