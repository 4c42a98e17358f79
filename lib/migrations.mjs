// Applies (and creates) migrations without the Prisma CLI's native schema engine, which cannot be
// downloaded on offline machines. @prisma/schema-engine-wasm drives the same engine through the driver
// adapters and records applied migrations in the standard _prisma_migrations table, so an ordinary
// `prisma migrate deploy` reads the same folders on a machine that can fetch the binary.
// Used by the server at start, by the test set-up and by scripts/migrate.mjs.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { resolveDatabase } from "./database-url.mjs";

const root = path.resolve(import.meta.dirname, "..");
const filters = { externalTables: [], externalEnums: [] };

let schemaEngineClass;
async function loadSchemaEngine() {
  // The wasm package's entry is bundler-style (`import * from "*.wasm"`); instantiate it by hand, once
  // per process (its glue module holds a single instance).
  if (schemaEngineClass) return schemaEngineClass;
  // Where the engine reports a panic's message; without it a panic surfaces as a TypeError.
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => console.error(`schema engine panic: ${message}`) };
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve("@prisma/schema-engine-wasm").replace(/schema_engine\.js$/, "schema_engine_bg.wasm");
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  schemaEngineClass = bg.SchemaEngine;
  return schemaEngineClass;
}

async function adapterFor({ provider, url }) {
  if (provider === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSqlite3({ url });
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return new PrismaPg({ connectionString: url });
}

function paths(provider) {
  const dir = path.join(root, "prisma", provider);
  return { schemaPath: path.join(dir, "schema.prisma"), migrationsDir: path.join(dir, "migrations") };
}

function migrationsList(migrationsDir) {
  fs.mkdirSync(migrationsDir, { recursive: true });
  const lock = path.join(migrationsDir, "migration_lock.toml");
  const names = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lock) ? fs.readFileSync(lock, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      const content = fs.existsSync(file) ? { tag: "ok", value: fs.readFileSync(file, "utf8") } : { tag: "error", value: "missing" };
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  };
}

// The pg adapter runs a script split at every semicolon, one statement at a time, which breaks a
// function body or a DO block and leaves a migration that fails halfway applied. PostgreSQL takes the
// whole script in one simple query and runs it as one transaction, as Prisma's own engine does.
function wholeScripts(connection) {
  if (connection.provider !== "postgres") return connection;
  connection.executeScript = async (script) => {
    try {
      await connection.underlyingDriver().query(script);
    } catch (error) {
      connection.onError(error);
    }
  };
  return connection;
}

// The engine opens its own connections; they are closed when it is done, so a SQLite file is not left
// locked for the application's client.
async function withEngine(database, use) {
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const SchemaEngine = await loadSchemaEngine();
  const { schemaPath } = paths(database.provider);
  const datamodel = fs.readFileSync(schemaPath, "utf8");
  const factory = await adapterFor(database);
  const connections = [];
  const trackedFactory = {
    adapterName: factory.adapterName,
    provider: factory.provider,
    connect: async () => remember(wholeScripts(await factory.connect())),
    connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
  };
  function remember(connection) {
    connections.push(connection);
    return connection;
  }
  const log = (line) => process.env.DEBUG_SCHEMA_ENGINE && console.error(line);
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, datamodel]] },
    log,
    bindMigrationAwareSqlAdapterFactory(trackedFactory),
  );
  try {
    return await use(engine, datamodel);
  } finally {
    engine.free();
    await Promise.all(connections.map((connection) => connection.dispose()));
  }
}

/**
 * True when the database records every migration folder as applied, finished and with the checksum
 * (SHA-256 of migration.sql, as Prisma computes it) of the file as it is now, and nothing else. Then
 * there is nothing to deploy and the wasm engine, which takes seconds to load on a busy machine, is
 * not started: the usual restart. Anything else (a new database, a pending, failed or edited
 * migration) goes to the engine, which applies or reports it.
 */
export async function everyMigrationApplied(database, list = migrationsList(paths(database.provider).migrationsDir)) {
  const connection = await (await adapterFor(database)).connect();
  try {
    const { rows } = await connection.queryRaw({
      sql: 'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
      args: [],
      argTypes: [],
    });
    const applied = new Map(rows.map(([name, checksum, finishedAt, rolledBackAt]) => [name, { checksum, finishedAt, rolledBackAt }]));
    if (applied.size !== rows.length || applied.size !== list.migrationDirectories.length) return false;
    return list.migrationDirectories.every(({ path: name, migrationFile: { content } }) => {
      const row = applied.get(name);
      const checksum = content.tag === "ok" ? createHash("sha256").update(content.value).digest("hex") : null;
      return row !== undefined && row.finishedAt !== null && row.rolledBackAt === null && row.checksum === checksum;
    });
  } catch {
    return false; // no migrations table yet: a new database
  } finally {
    await connection.dispose();
  }
}

/** Applies pending migrations; returns the names applied. */
export async function deployMigrations(database = resolveDatabase()) {
  const { migrationsDir } = paths(database.provider);
  const list = migrationsList(migrationsDir);
  if (await everyMigrationApplied(database, list)) return [];
  return withEngine(database, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: list, filters });
    return appliedMigrationNames;
  });
}

// Diffs the schema snapshot of the last migration against the current schema: no database needed
// (the engine's own createMigration wants a shadow database).
export async function createMigration(provider, name, stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14)) {
  const { schemaPath, migrationsDir } = paths(provider);
  const database = { provider, url: provider === "sqlite" ? "file::memory:" : "postgresql://postgres@127.0.0.1:5432/postgres" };
  const script = await withEngine(database, async (engine, content) => {
    const snapshot = path.join(migrationsDir, "schema.snapshot.prisma");
    const from = fs.existsSync(snapshot)
      ? { tag: "schemaDatamodel", files: [{ path: schemaPath, content: fs.readFileSync(snapshot, "utf8") }] }
      : { tag: "empty" };
    const to = { tag: "schemaDatamodel", files: [{ path: schemaPath, content }] };
    const { stdout } = await engine.diff({ from, to, script: true, exitCode: null, filters });
    return { stdout, content, snapshot };
  });
  if (!script.stdout?.trim() || /empty migration/i.test(script.stdout)) return `${provider}: no schema changes`;
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), script.stdout);
  fs.writeFileSync(script.snapshot, script.content);
  const lock = path.join(migrationsDir, "migration_lock.toml");
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, `# Please do not edit this file manually\nprovider = "${provider}"\n`);
  return `${provider}: created ${path.relative(root, dir)}`;
}
