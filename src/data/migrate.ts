/**
 * Applies and creates migrations in Prisma's own `prisma/migrations` format without the Prisma
 * schema-engine binary: the WebAssembly schema engine runs against the same driver adapters the
 * application uses. `prisma migrate deploy` gives the same result wherever the binary is available.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { DatabaseProvider, DatabaseTarget } from './database-url.js';
import { ensureDatabaseFolder } from './client.js';
import { projectRoot } from '../platform/paths.js';
import type { MigrationList, SchemaEngine as Engine } from '@prisma/schema-engine-wasm';
import type * as SchemaEngineBg from '@prisma/schema-engine-wasm/schema_engine_bg';

export const schemaPaths: Record<DatabaseProvider, string> = {
  sqlite: join(projectRoot, 'prisma', 'schema.prisma'),
  postgresql: join(projectRoot, 'prisma', 'postgresql', 'schema.prisma'),
};
export const migrationDirs: Record<DatabaseProvider, string> = {
  sqlite: join(projectRoot, 'prisma', 'migrations'),
  postgresql: join(projectRoot, 'prisma', 'postgresql', 'migrations'),
};

let wasmReady: Promise<typeof SchemaEngineBg> | undefined;

/** The package's entry imports the .wasm as an ES module (a bundler feature); instantiate it by hand. */
function loadSchemaEngine() {
  wasmReady ??= (async () => {
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': bg });
    const exports = instance.exports as unknown as { __wbindgen_start(): void };
    bg.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return bg;
  })();
  return wasmReady;
}

type AdapterFactory = PrismaBetterSqlite3 | PrismaPg;
type Connection = Awaited<ReturnType<AdapterFactory['connect']>>;

/** Wraps the driver adapter so that every connection the engine opens is closed afterwards (SQLite keeps a lock otherwise). */
function trackedFactory(target: DatabaseTarget) {
  ensureDatabaseFolder(target); // SQLite opens (creates) the file, not its folder
  const inner: AdapterFactory = target.provider === 'sqlite' ? new PrismaBetterSqlite3({ url: target.url }) : new PrismaPg({ connectionString: target.url });
  const opened: Connection[] = [];
  const track = async (connection: Promise<Connection>) => {
    const c = await connection;
    opened.push(c);
    return c;
  };
  const factory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb()),
  };
  return {
    factory: bindMigrationAwareSqlAdapterFactory(factory as unknown as AdapterFactory),
    async closeAll() {
      await Promise.allSettled(opened.map((c) => c.dispose()));
    },
  };
}

async function withEngine<T>(target: DatabaseTarget, run: (engine: Engine, schema: string) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngine();
  const schema = readFileSync(schemaPaths[target.provider], 'utf8');
  const adapters = trackedFactory(target);
  const engine = await SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, adapters.factory);
  try {
    return await run(engine, schema);
  } finally {
    engine.free();
    await adapters.closeAll();
  }
}

export function readMigrationList(provider: DatabaseProvider): MigrationList {
  const baseDir = migrationDirs[provider];
  const lockPath = join(baseDir, 'migration_lock.toml');
  const directories = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((name) => {
      const file = join(baseDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file) ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') } : { tag: 'error' as const, value: 'missing migration.sql' },
        },
      };
    }),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every migration not yet applied; returns the names applied now. */
export async function applyMigrations(target: DatabaseTarget): Promise<string[]> {
  return withEngine(target, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrationList(target.provider), filters: noFilters });
    return out.appliedMigrationNames;
  });
}

async function diffScript(engine: Engine, from: unknown, to: unknown): Promise<string | null> {
  const result = await engine.diff({ from, to, script: true, shadowDatabaseUrl: null, exitCode: null, filters: noFilters } as Parameters<Engine['diff']>[0]);
  const sql = (result as { stdout: string }).stdout;
  return !sql.trim() || /^-- This is an empty migration/.test(sql.trim()) ? null : sql;
}

function writeMigration(provider: DatabaseProvider, folder: string, sql: string) {
  const baseDir = migrationDirs[provider];
  mkdirSync(join(baseDir, folder), { recursive: true });
  writeFileSync(join(baseDir, folder, 'migration.sql'), sql);
  writeFileSync(
    join(baseDir, 'migration_lock.toml'),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
  );
}

/**
 * Writes a new migration, with the same folder name for both providers, holding the SQL that takes
 * the migration history to the current schema. The history is replayed into `sqliteScratch` (an empty
 * SQLite file) and introspected to recover the previous data model; the SQLite script is diffed from
 * that database, the PostgreSQL script from the previous model (the wasm engine cannot describe a
 * live PostgreSQL schema). `postgres` only needs to accept a connection. Returns the folder, or null
 * when the schema has not changed.
 */
export async function createMigrations(name: string, stamp: string, sqliteScratch: DatabaseTarget, postgres: DatabaseTarget): Promise<string | null> {
  await applyMigrations(sqliteScratch);
  const folder = `${stamp}_${name.replace(/[^a-z0-9_]+/gi, '_').toLowerCase()}`;
  const sqliteSql = await withEngine(sqliteScratch, async (engine, schema) => {
    const files = (content: string) => [{ path: 'schema.prisma', content }];
    return diffScript(
      engine,
      { tag: 'schemaDatasource', files: files(schema), configDir: dirname(schemaPaths.sqlite) },
      { tag: 'schemaDatamodel', files: files(schema) },
    );
  });
  if (!sqliteSql) return null;
  const previous = await withEngine(sqliteScratch, async (engine) => {
    const result = await engine.introspect({
      schema: { files: [{ path: 'schema.prisma', content: 'datasource db {\n  provider = "sqlite"\n}\n' }] },
      baseDirectoryPath: dirname(schemaPaths.sqlite),
      force: true,
      compositeTypeDepth: -1,
      namespaces: null,
    });
    return result.schema.files[0].content.replace('provider = "sqlite"', 'provider = "postgresql"');
  });
  const postgresSql = await withEngine(postgres, async (engine, schema) =>
    diffScript(
      engine,
      { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: previous }] },
      { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
    ),
  );
  writeMigration('sqlite', folder, sqliteSql);
  writeMigration('postgresql', folder, postgresSql ?? '-- No change for PostgreSQL.\n');
  return folder;
}
