/**
 * Reads of whole rows sent straight to the driver adapter Prisma connected, without the Prisma client's per-query and
 * per-row work: keyed batch reads (the DataLoader batches of the operators and shipments subgraphs, and the registry's
 * date facts and consents), and a list's page and count with conditions its repository writes (`page`, `count`: the
 * shipments list).
 *
 * Why: a Prisma 7 `findMany` costs about 0.25 ms of CPU before the database does anything, then about
 * 20 µs per row it returns (measured on the benchmark's database: 50 operators by id, 1.39 ms through
 * the client; the same statement through better-sqlite3 alone, 0.27 ms). The 50-shipment list reads about
 * 450 rows in 9 statements, the headline 7 statements: those reads were a quarter of the list's CPU in
 * the profile (`npm run bench:profile -- --scenario list`). The keyed reads are the simplest there are
 * (all scalar columns of one table where one column is in a set of keys, in a given order), so they
 * are written here once, for both databases; a page or a count takes its conditions from the repository (`Conditions`:
 * the dialect's quoting and parameters), and everything else (other lists, every write) stays with the Prisma client.
 *
 * Same answers as the client: the columns are the model's scalar fields (`Prisma.<Model>ScalarFieldEnum`,
 * so a new column is read without a change here), Boolean columns are converted as Prisma converts them
 * (SQLite keeps 0/1), and test/integration/direct-reads.test.ts compares every row of every table read
 * here with `findMany` (and the shipments list's pages and counts with `findMany` / `count`) on SQLite and
 * PostgreSQL. Same semantics: it is the adapter the client uses for its own reads outside transactions (a read
 * here runs exactly where `db.<model>.findMany` would), and every statement is reported to `onQuery` as the client
 * reports its own.
 */
import type { ArgType, SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DatabaseProvider } from './database-url.js';
import { groupedInKeyOrder, inKeyOrder } from './batch.js';

/** One table read here: its name and its scalar columns in the model's order. */
export interface Table<Row> {
  name: string;
  columns: readonly (keyof Row & string)[];
  /** Columns of Prisma type Boolean (SQLite stores them as 0/1). */
  booleans?: readonly (keyof Row & string)[];
}

/** The same table as a Prisma model's scalar field enum (`Prisma.OperatorScalarFieldEnum`) names it. */
export function table<Row>(name: string, fields: Record<string, keyof Row & string>, booleans: readonly (keyof Row & string)[] = []): Table<Row> {
  return { name, columns: Object.values(fields), booleans };
}

/** Keys per statement: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
export const MAX_KEYS_PER_STATEMENT = 5_000;

const TEXT: ArgType = { scalarType: 'string', arity: 'scalar' };
const INT: ArgType = { scalarType: 'int', arity: 'scalar' };
const TEXT_LIST: ArgType = { scalarType: 'string', arity: 'list' };
/** Identifiers quoted as the client quotes them: backticks on SQLite, double quotes on PostgreSQL. */
const quoteFor = (provider: DatabaseProvider) =>
  provider === 'sqlite' ? (name: string) => `\`${name.replace(/`/g, '``')}\`` : (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The adapter factory, remembering the main connection it opened last (the one the client reads with) until the
 * client disposes of it (`$disconnect`): the next direct read then connects the client again, as its next query would.
 */
export class ConnectionCapture {
  current: SqlDriverAdapter | undefined;

  wrap(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => {
        const connection = await factory.connect();
        const dispose = connection.dispose.bind(connection);
        connection.dispose = () => {
          if (this.current === connection) this.current = undefined;
          return dispose();
        };
        return (this.current = connection);
      },
      connectToShadowDb: () => factory.connectToShadowDb(),
    };
  }
}

/** How a database writes names and parameters, for the statements a repository writes itself (a list's page and count). */
export interface Dialect {
  /** A column name, quoted as the client quotes it. */
  column: (name: string) => string;
  /** The n-th parameter, from 1: `?` on SQLite (positional), `$n` on PostgreSQL. */
  param: (n: number) => string;
}

/** A statement's parameters (text or integer), and the WHERE condition (without the keyword) the caller writes with them. */
export class Conditions {
  readonly args: (string | number)[] = [];
  private readonly parts: string[] = [];

  constructor(readonly dialect: Dialect) {}

  /** A parameter with this value, written as the dialect writes parameters. */
  value(value: string | number): string {
    this.args.push(value);
    return this.dialect.param(this.args.length);
  }

  /** Adds a condition (ANDed with the others). */
  add(condition: string): this {
    this.parts.push(condition);
    return this;
  }

  /** ` WHERE a AND b`, or nothing when no condition was added. */
  where(): string {
    return this.parts.length ? ` WHERE ${this.parts.join(' AND ')}` : '';
  }
}

export class DirectReads {
  private readonly statements = new Map<string, string>();

  constructor(
    private readonly provider: DatabaseProvider,
    private readonly capture: ConnectionCapture,
    /** Connects the client (which opens the adapter's connection) when nothing has yet. */
    private readonly connect: () => Promise<void>,
    private readonly onQuery?: (sql: string) => void,
  ) {}

  private async connection(): Promise<SqlDriverAdapter> {
    if (!this.capture.current) await this.connect();
    if (!this.capture.current) throw new Error('the database client opened no connection');
    return this.capture.current;
  }

  /** SELECT every column of `table` WHERE `column` IN (keys) ORDER BY `orderBy`: the text, made once per shape. */
  private sql(connection: SqlDriverAdapter, spec: Table<unknown>, column: string, orderBy: readonly string[], keys: number): string {
    const key = `${spec.name}\0${column}\0${orderBy.join(',')}\0${this.provider === 'sqlite' ? keys : 0}`;
    let text = this.statements.get(key);
    if (text === undefined) {
      const quote = quoteFor(this.provider);
      const from = this.from(connection, spec);
      const where = this.provider === 'sqlite' ? `${quote(column)} IN (${Array.from({ length: keys }, () => '?').join(',')})` : `${quote(column)} = ANY($1)`;
      text = `SELECT ${spec.columns.map(quote).join(', ')} FROM ${from} WHERE ${where}${orderBy.length ? ` ORDER BY ${orderBy.map((c) => `${quote(c)} ASC`).join(', ')}` : ''}`;
      if (this.statements.size >= 1_000) this.statements.clear();
      this.statements.set(key, text);
    }
    return text;
  }

  private from(connection: SqlDriverAdapter, spec: Table<unknown>): string {
    const quote = quoteFor(this.provider);
    const schema = this.provider === 'sqlite' ? 'main' : (connection.getConnectionInfo?.().schemaName ?? 'public');
    return `${quote(schema)}.${quote(spec.name)}`;
  }

  /** The conditions of a statement on this database (write them with its quoting and parameters). */
  conditions(): Conditions {
    const quote = quoteFor(this.provider);
    return new Conditions({ column: quote, param: this.provider === 'sqlite' ? () => '?' : (n) => `$${n}` });
  }

  private query(sql: string, args: readonly (string | number)[]) {
    this.onQuery?.(sql);
    return { sql, args: [...args], argTypes: args.map((a) => (typeof a === 'number' ? INT : TEXT)) };
  }

  /**
   * Every column of the rows of `table` that meet `where`, in the order `orderBy` gives (column and direction), at
   * most `limit`: a list's page, as `findMany({ where, orderBy, take })` reads it.
   */
  async page<Row>(spec: Table<Row>, where: Conditions, orderBy: readonly [keyof Row & string, 'ASC' | 'DESC'][], limit: number): Promise<Row[]> {
    const connection = await this.connection();
    const quote = where.dialect.column;
    const order = orderBy.map(([column, direction]) => `${quote(column)} ${direction}`).join(', ');
    // The limit is this statement's last parameter; `where` itself is left as given (a count may use it too).
    const args = [...where.args, limit];
    const sql = `SELECT ${spec.columns.map(quote).join(', ')} FROM ${this.from(connection, spec as Table<unknown>)}${where.where()} ORDER BY ${order} LIMIT ${where.dialect.param(args.length)}`;
    const result = await connection.queryRaw(this.query(sql, args));
    return result.rows.map((values) => this.toRow(spec, result.columnNames, values));
  }

  /** How many rows of `table` meet `where`, as `count({ where })` counts them. */
  async count<Row>(spec: Table<Row>, where: Conditions): Promise<number> {
    const connection = await this.connection();
    const sql = `SELECT COUNT(*) FROM ${this.from(connection, spec as Table<unknown>)}${where.where()}`;
    const result = await connection.queryRaw(this.query(sql, where.args));
    return Number(result.rows[0][0]);
  }

  /** Rows of `table` whose `column` is one of `keys` (text keys), each row once, ordered by `orderBy` (ascending) within a statement. */
  async whereIn<Row>(spec: Table<Row>, column: keyof Row & string, keys: readonly string[], orderBy: readonly (keyof Row & string)[] = []): Promise<Row[]> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return [];
    const connection = await this.connection();
    const rows: Row[] = [];
    for (let start = 0; start < unique.length; start += MAX_KEYS_PER_STATEMENT) {
      const chunk = unique.slice(start, start + MAX_KEYS_PER_STATEMENT);
      const sql = this.sql(connection, spec as Table<unknown>, column, orderBy, chunk.length);
      const query = this.provider === 'sqlite' ? { sql, args: chunk, argTypes: chunk.map(() => TEXT) } : { sql, args: [chunk], argTypes: [TEXT_LIST] };
      this.onQuery?.(sql);
      const result = await connection.queryRaw(query);
      for (const values of result.rows) rows.push(this.toRow(spec, result.columnNames, values));
    }
    return rows;
  }

  /** A DataLoader's answer for unique keys: the row of each key (or null), in key order. */
  async byKey<Row>(spec: Table<Row>, column: keyof Row & string, keys: readonly string[]): Promise<(Row | null)[]> {
    return inKeyOrder(keys, await this.whereIn(spec, column, keys), (row) => row[column] as string);
  }

  /** A DataLoader's answer for keys with many rows each: the rows of each key, in key order, each list ordered by `orderBy`. */
  async groupedByKey<Row>(spec: Table<Row>, column: keyof Row & string, keys: readonly string[], orderBy: readonly (keyof Row & string)[]): Promise<Row[][]> {
    return groupedInKeyOrder(keys, await this.whereIn(spec, column, keys, orderBy), (row) => row[column] as string);
  }

  private toRow<Row>(spec: Table<Row>, names: readonly string[], values: readonly unknown[]): Row {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
    for (const name of spec.booleans ?? []) {
      const value = row[name];
      if (value !== null && typeof value !== 'boolean') row[name] = Number(value) !== 0;
    }
    return row as Row;
  }
}

const registered = new WeakMap<object, DirectReads>();

export function registerDirectReads(db: object, reads: DirectReads): void {
  registered.set(db, reads);
}

/** The direct reads of a client made by createDb (src/data/client.ts). */
export function directReads(db: object): DirectReads {
  const reads = registered.get(db);
  if (!reads) throw new Error('this database client was not made by createDb: it has no direct reads');
  return reads;
}
