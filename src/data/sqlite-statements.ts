/**
 * SQLite: each SQL text is prepared once per connection and its statement reused.
 *
 * `@prisma/adapter-better-sqlite3` (7.x) compiles the SQL of every query anew:
 * `this.client.prepare(query.sql).bind(args)` in `performIO` and `executeIO`, and
 * `this.client.prepare('BEGIN').run()` in `startTransaction` (`executeScript` uses `client.exec`,
 * `dispose` `client.close`). Prisma sends the same few SQL texts over and over with other parameters,
 * so `withReusedStatements` replaces `prepare` on the better-sqlite3 `Database` the adapter connects
 * (its `client` property; transactions share it) by a bounded LRU cache of statements. The cache hands
 * out a facade with exactly what the adapter uses of a statement: `reader`, `run()`, and
 * `bind(args)` returning `reader`, `run()`, `columns()` and `raw().all()`. better-sqlite3's own `bind`
 * binds a statement for good, so the facade keeps the arguments and passes them at execution
 * (`statement.run(args)`, `statement.raw(true).all(args)`; an array binds its elements, as the
 * adapter's `bind(args)` did). Statements are prepared by the `Database` itself, so its
 * `defaultSafeIntegers(true)` still applies to each. Closing the `Database` empties the cache.
 *
 * The check, when the adapter's internals are not what this expects: a connection whose `client` has
 * no `prepare` function is used unchanged (statements prepared per query, as without this module).
 * A newer adapter that used more of a statement than the facade offers would fail loudly (a missing
 * method), and test/integration/sqlite-statements.test.ts runs the adapter through Prisma against it.
 */
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Distinct SQL texts kept per connection. Prisma's texts differ by the number of `IN (?, ...)` placeholders,
 * hence a bound. The benchmark's list scenario compiled 269 statements in its first 630 requests (bench:profile
 * --requests 600 --warmup 30), none in the second half: its working set fits.
 */
export const DEFAULT_MAX_STATEMENTS = 256;
/**
 * Longer SQL texts are prepared per query and not kept: texts with values written in (the bulk seed's
 * 500-row INSERTs, tens of kilobytes each) are never sent twice and would hold large statements for nothing. Prisma's
 * parameterised texts stay far below (a 999-placeholder IN list is about 2 KB plus its columns).
 */
export const DEFAULT_MAX_SQL_LENGTH = 10_000;

export interface StatementCacheOptions {
  /** Statements kept (least recently used evicted first); default DEFAULT_MAX_STATEMENTS. */
  max?: number;
  /** SQL texts longer than this are prepared per query, not kept; default DEFAULT_MAX_SQL_LENGTH. */
  maxSqlLength?: number;
}

type Statement = BetterSqlite3.Statement<unknown[]>;

/** The part of a better-sqlite3 `Database` this module needs (the adapter's `client`). */
export interface PreparingDatabase {
  prepare: (sql: string) => unknown;
  close?: () => unknown;
}

/** A statement with its arguments, for one execution. */
export class BoundStatement {
  constructor(
    private readonly statement: Statement,
    private readonly args: unknown[],
    private readonly reused?: ReusedStatement,
  ) {}

  get reader(): boolean {
    return this.statement.reader;
  }

  run(): BetterSqlite3.RunResult {
    return this.statement.run(this.args);
  }

  /** The reused statement's column descriptions, read once (see ReusedStatement.columns). */
  columns(): BetterSqlite3.ColumnDefinition[] {
    return this.reused ? this.reused.columns() : this.statement.columns();
  }

  raw(): RawRows {
    return new RawRows(this.statement, this.args);
  }
}

/** `bind(args).raw()`: rows as arrays. A class, not a closure: tsx names every closure on each call. */
export class RawRows {
  constructor(
    private readonly statement: Statement,
    private readonly args: unknown[],
  ) {}

  all(): unknown[] {
    return this.statement.raw(true).all(this.args);
  }
}

/** What `prepare(sql)` returns once cached: the reusable statement, arguments given per execution. */
export class ReusedStatement {
  private columnDefinitions: BetterSqlite3.ColumnDefinition[] | undefined;

  constructor(readonly statement: Statement) {}

  /**
   * The result columns (name, declared type), asked of SQLite once per statement: the adapter asks for them on
   * every query (2-3 % of a subgraph's CPU on the list scenario). They depend on the SQL text and the schema,
   * and the schema does not change under a running process: Prisma's generated client is built for one schema,
   * so a migration means new processes (which prepare their statements anew).
   */
  columns(): BetterSqlite3.ColumnDefinition[] {
    return (this.columnDefinitions ??= this.statement.columns());
  }

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(args: unknown[]): BoundStatement {
    return new BoundStatement(this.statement, args, this);
  }

  run(): BetterSqlite3.RunResult {
    return this.statement.run();
  }
}

/** A bounded least-recently-used cache of one connection's statements, keyed by SQL text. */
export class StatementCache {
  private readonly entries = new Map<string, ReusedStatement>();
  /** Statements compiled (cache misses and texts too long to keep), for tests and diagnostics. */
  prepared = 0;
  readonly max: number;
  readonly maxSqlLength: number;

  constructor(
    private readonly prepareStatement: (sql: string) => Statement,
    options: StatementCacheOptions = {},
  ) {
    this.max = options.max ?? DEFAULT_MAX_STATEMENTS;
    this.maxSqlLength = options.maxSqlLength ?? DEFAULT_MAX_SQL_LENGTH;
    if (!Number.isInteger(this.max) || this.max < 1) throw new RangeError(`statement cache size must be a positive integer, not ${this.max}`);
  }

  get size(): number {
    return this.entries.size;
  }

  has(sql: string): boolean {
    return this.entries.has(sql);
  }

  /** The cached statement's facade; for a text longer than maxSqlLength, a new better-sqlite3 statement (not kept). */
  prepare(sql: string): ReusedStatement | Statement {
    if (sql.length > this.maxSqlLength) {
      const statement = this.prepareStatement(sql);
      this.prepared++;
      return statement;
    }
    const hit = this.entries.get(sql);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(sql);
      this.entries.set(sql, hit);
      return hit;
    }
    const statement = new ReusedStatement(this.prepareStatement(sql)); // throws on bad SQL, as before: nothing cached
    this.prepared++;
    this.entries.set(sql, statement);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return statement;
  }

  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<object, StatementCache>();

/**
 * Makes `database.prepare` reuse statements (an own property shadowing the prototype's method; the
 * original is called for misses). Returns the cache, or undefined when `database` has no `prepare`
 * function (left unchanged). Idempotent: a database already wrapped keeps its cache.
 */
export function reuseStatements(database: unknown, options: StatementCacheOptions = {}): StatementCache | undefined {
  if (typeof database !== 'object' || database === null) return undefined;
  const existing = caches.get(database);
  if (existing) return existing;
  const db = database as PreparingDatabase;
  if (typeof db.prepare !== 'function') return undefined;
  const original = db.prepare;
  const cache = new StatementCache((sql) => original.call(db, sql) as Statement, options);
  db.prepare = (sql: string) => cache.prepare(sql);
  if (typeof db.close === 'function') {
    const close = db.close;
    db.close = () => {
      cache.clear();
      return close.call(db);
    };
  }
  caches.set(database, cache);
  return cache;
}

function wrapConnection(connection: SqlDriverAdapter, options: StatementCacheOptions): SqlDriverAdapter {
  reuseStatements((connection as { client?: unknown }).client, options);
  return connection;
}

/**
 * The SQLite adapter factory with statements reused on every connection it opens (main and shadow
 * database). Provider and adapter name are the inner factory's.
 */
export function withReusedStatements(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: StatementCacheOptions = {},
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrapConnection(await factory.connect(), options),
    connectToShadowDb: async () => wrapConnection(await factory.connectToShadowDb(), options),
  };
}
