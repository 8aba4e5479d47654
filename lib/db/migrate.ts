/**
 * Offline migrations with Prisma's schema engine compiled to WebAssembly.
 *
 * The native schema engine is a binary Prisma downloads at install time, which these
 * machines cannot do. The WASM build is the same engine; it talks to PostgreSQL through
 * the pg driver adapter. Migrations stay in Prisma's standard folder format
 * (prisma/migrations/<timestamp>_<name>/migration.sql plus migration_lock.toml), so
 * `prisma migrate deploy` also works wherever the native binary is available.
 *
 * Node-only: used by the launcher, the CLI and test set-up, never by the web app.
 */
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { findProjectRoot } from '@/lib/project-root';

const root = findProjectRoot(import.meta.dirname);
export const schemaPath = path.join(root, 'prisma/schema.prisma');
export const migrationsDir = path.join(root, 'prisma/migrations');

let wasmReady: Promise<void> | undefined;

/**
 * The pg driver adapter has no mapping for PostgreSQL's internal one-byte `"char"` type
 * (OID 18), which the engine's introspection reads from the system catalogs
 * (pg_class.relkind, pg_constraint.contype...), and the engine expects such columns to be
 * typed Character. So: pg reports those columns as text with a marked name, and the
 * adapter wrapper below turns marked columns back into Character ones.
 * Only migration processes load this module; the app's queries never see the patch.
 */
const CHAR_OID = 18;
const TEXT_OID = 25;
const CHAR_MARK = '\u0000char';
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
let charPatched = false;
function reportCharColumnsAsText() {
  if (charPatched) return;
  charPatched = true;
  const proto = pg.Result.prototype as unknown as { addFields(fields: { dataTypeID: number; name: string }[]): void };
  const addFields = proto.addFields;
  proto.addFields = function (fields) {
    for (const field of fields) {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        field.name += CHAR_MARK;
      }
    }
    return addFields.call(this, fields);
  };
}

type ResultSet = { columnNames: string[]; columnTypes: number[] };
type Queryable = { queryRaw(query: unknown): Promise<ResultSet>; startTransaction?(...args: unknown[]): Promise<Queryable> };

function restoreCharColumns<T extends Queryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnNames = result.columnNames.map((name, i) => {
      if (!name.endsWith(CHAR_MARK)) return name;
      result.columnTypes[i] = CHARACTER_COLUMN;
      return name.slice(0, -CHAR_MARK.length);
    });
    return result;
  };
  if (queryable.startTransaction) {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => restoreCharColumns(await startTransaction(...args));
  }
  return queryable;
}

/**
 * The pg adapter runs a migration script by splitting it at every semicolon, which cuts a
 * function body (`$$ ... ; ... $$`) into pieces. PostgreSQL runs a whole script sent as one
 * simple query, dollar quotes and all, in one implicit transaction: send it that way, as
 * Prisma's native engine does.
 */
function runScriptsWhole<T extends Queryable>(queryable: T): T {
  const adapter = queryable as unknown as {
    executeScript?(script: string): Promise<void>;
    underlyingDriver?(): { query(text: string): Promise<unknown> };
    onError?(error: unknown): never;
  };
  if (!adapter.executeScript || !adapter.underlyingDriver || !adapter.onError) return queryable;
  const driver = adapter.underlyingDriver();
  const onError = adapter.onError.bind(adapter);
  adapter.executeScript = async (script) => {
    try {
      await driver.query(script);
    } catch (error) {
      onError(error);
    }
  };
  return queryable;
}

/** The engine does not close the connections it opened; `dispose` does, so databases can be dropped or copied. */
function migrationAdapterFactory(databaseUrl: string) {
  const inner = new PrismaPg({ connectionString: databaseUrl });
  const opened: { dispose(): Promise<void> }[] = [];
  const track = <T>(adapter: T) => (opened.push(adapter as unknown as { dispose(): Promise<void> }), adapter);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => runScriptsWhole(restoreCharColumns(track((await inner.connect()) as unknown as Queryable))),
    connectToShadowDb: async () => runScriptsWhole(restoreCharColumns(track((await inner.connectToShadowDb()) as unknown as Queryable))),
    dispose: async () => {
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose().catch(() => {})));
    },
  };
}

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    // The engine reports Rust panics through this global; keep the message for the error.
    const registry = { message: '', set_message(message: string) { this.message = message; console.error('[schema-engine panic]', message); } };
    (globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY: typeof registry }).PRISMA_WASM_PANIC_REGISTRY ??= registry;
    const bindings = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(bindings), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports });
    (bg as unknown as { __wbg_set_wasm(exports: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  })();
  return wasmReady;
}

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

async function openEngine(databaseUrl: string): Promise<{ engine: Engine; schema: string; close(): Promise<void> }> {
  await loadWasm();
  reportCharColumnsAsText();
  const schema = await readFile(schemaPath, 'utf8');
  const factory = migrationAdapterFactory(databaseUrl);
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(factory as unknown as Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0]);
  const log = (message: string) => {
    if (process.env.CHORUS_MIGRATE_DEBUG) console.error('[schema-engine]', message);
  };
  const engine = (await (bg as unknown as { SchemaEngine: { new: (...args: unknown[]) => Promise<Engine> } }).SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    log,
    adapterFactory,
  )) as Engine;
  const close = async () => {
    engine.free();
    await factory.dispose();
  };
  return { engine, schema, close };
}

async function listMigrations() {
  const directories = existsSync(migrationsDir)
    ? (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      directories.map(async (name) => {
        const file = path.join(migrationsDir, name, 'migration.sql');
        const content = existsSync(file)
          ? { tag: 'ok' as const, value: await readFile(file, 'utf8') }
          : { tag: 'error' as const, value: `missing ${file}` };
        return { path: name, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every migration in prisma/migrations not yet applied to the database. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const { engine, close } = await openEngine(databaseUrl);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: await listMigrations(), filters: noFilters });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * Writes the next migration: the SQL that takes a database with every existing migration
 * applied to the state prisma/schema.prisma describes. Returns its folder name, or null
 * when the schema and the migrations already agree.
 *
 * The WASM engine cannot create a shadow database by itself, so this does what
 * `prisma migrate dev` does with one: it applies the existing migrations to a scratch
 * database on the same server, diffs that database against the schema, and drops it.
 */
export async function createMigration(databaseUrl: string, name: string): Promise<string | null> {
  const scratchName = `chorus_migration_scratch_${Date.now()}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database "${scratchName}"`);
  const scratch = new URL(databaseUrl);
  scratch.pathname = `/${scratchName}`;
  try {
    await applyMigrations(scratch.toString());
    const { engine, schema, close } = await openEngine(scratch.toString());
    let script: string | null;
    try {
      const files = [{ path: schemaPath, content: schema }];
      const result = await engine.diff({
        from: { tag: 'schemaDatasource', files, configDir: root },
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: null,
        filters: noFilters,
      });
      script = result.stdout;
    } finally {
      await close();
    }
    if (!script || /^-- This is an empty migration\.?\s*$/.test(script.trim()) || !script.replace(/^--.*$/gm, '').trim()) return null;
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const folder = `${stamp}_${name.replace(/[^A-Za-z0-9_]+/g, '_')}`;
    const dir = path.join(migrationsDir, folder);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), script);
    const lockPath = path.join(migrationsDir, 'migration_lock.toml');
    if (!existsSync(lockPath)) {
      await writeFile(
        lockPath,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      );
    }
    return folder;
  } finally {
    await admin.query(`drop database if exists "${scratchName}" with (force)`);
    await admin.end();
  }
}
