// Test databases: one migrated template per run, copied for each test file, so files never share rows.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { deployMigrations } from "@/lib/migrations.mjs";

export const TEST_DIR = path.resolve(import.meta.dirname, "../../.tmp/vitest");
const SQLITE_TEMPLATE = path.join(TEST_DIR, "template.db");

/** A PostgreSQL server URL (any database on it) when the run targets PostgreSQL. */
export const postgresServerUrl = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? process.env.TEST_DATABASE_URL : undefined;

function postgresUrlFor(database: string) {
  const url = new URL(postgresServerUrl!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onPostgres<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTemplate(): Promise<string> {
  if (postgresServerUrl) {
    const name = `keysmith_template_${process.pid}_${randomBytes(3).toString("hex")}`;
    await onPostgres((c) => c.query(`CREATE DATABASE ${name}`));
    await deployMigrations({ provider: "postgresql", url: postgresUrlFor(name) });
    return name;
  }
  fs.rmSync(TEST_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_DIR, { recursive: true });
  await deployMigrations({ provider: "sqlite", url: `file:${SQLITE_TEMPLATE}` });
  return SQLITE_TEMPLATE;
}

export async function dropTemplate(template: string): Promise<void> {
  if (postgresServerUrl) {
    // Per-file databases were made from it; drop them all, then the template.
    await onPostgres(async (c) => {
      const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
        `${template.replace("_template_", "_file_")}%`,
      ]);
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    });
  }
}

/** A fresh database copied from the template; returns its DATABASE_URL. */
export async function createFileDatabase(template: string): Promise<string> {
  const suffix = `${process.pid}_${randomBytes(4).toString("hex")}`;
  if (postgresServerUrl) {
    const name = `${template.replace("_template_", "_file_")}_${suffix}`;
    await onPostgres((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
    return postgresUrlFor(name);
  }
  const file = path.join(TEST_DIR, `file-${suffix}.db`);
  fs.copyFileSync(template, file);
  return `file:${file}`;
}
