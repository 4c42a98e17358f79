import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveDatabase } from "@/lib/database-url.mjs";
import { db } from "@/lib/db";
import { deployMigrations, everyMigrationApplied } from "@/lib/migrations.mjs";

async function lastMigration() {
  const [row] = (await db.$queryRaw`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`) as [
    { migration_name: string },
  ];
  return row.migration_name;
}

describe("deployMigrations at start", () => {
  // Each file's database is a copy of the migrated template (lib/testing/database-per-file.ts).
  const database = resolveDatabase();
  let restore: (() => Promise<unknown>) | null = null;
  afterEach(async () => {
    await restore?.();
    restore = null;
  });

  it("leaves a database alone when every migration is applied as its file is now", async () => {
    expect(await everyMigrationApplied(database)).toBe(true);
    expect(await deployMigrations(database)).toEqual([]);
  });

  it("hands an edited migration to the schema engine", async () => {
    const name = await lastMigration();
    const [{ checksum }] = (await db.$queryRaw`SELECT checksum FROM "_prisma_migrations" WHERE migration_name = ${name}`) as [
      { checksum: string },
    ];
    await db.$executeRaw`UPDATE "_prisma_migrations" SET checksum = ${"0".repeat(64)} WHERE migration_name = ${name}`;
    restore = () => db.$executeRaw`UPDATE "_prisma_migrations" SET checksum = ${checksum} WHERE migration_name = ${name}`;
    expect(await everyMigrationApplied(database)).toBe(false);
  });

  it("hands a failed migration to the schema engine", async () => {
    const name = await lastMigration();
    await db.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = ${name}`;
    restore = () => db.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = started_at WHERE migration_name = ${name}`;
    expect(await everyMigrationApplied(database)).toBe(false);
  });

  it("hands a pending migration (and one the folders do not know) to the schema engine", async () => {
    const name = await lastMigration();
    await db.$executeRaw`UPDATE "_prisma_migrations" SET migration_name = ${`${name}_elsewhere`} WHERE migration_name = ${name}`;
    restore = () => db.$executeRaw`UPDATE "_prisma_migrations" SET migration_name = ${name} WHERE migration_name = ${`${name}_elsewhere`}`;
    expect(await everyMigrationApplied(database)).toBe(false);
  });

  it("hands a new database to the schema engine", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keysmith-migrations-")), "new.db");
    expect(await everyMigrationApplied({ provider: "sqlite", url: `file:${file}` })).toBe(false);
  });
});
