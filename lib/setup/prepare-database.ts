// Brings the database to the current schema and, when it is new, fills it with demo data.
import { backfillKeyNameKeys } from "@/lib/api-keys/name-keys";
import { resolveDatabase } from "@/lib/database-url.mjs";
import { db } from "@/lib/db";
import { deployMigrations } from "@/lib/migrations.mjs";
import { seedDemoDataIfEmpty } from "@/lib/seed/demo-data";

export async function prepareDatabase(log: (line: string) => void) {
  const database = resolveDatabase();
  const applied = await deployMigrations(database);
  if (applied.length) log(`migrations applied: ${applied.join(", ")}`);
  if (database.provider === "sqlite") {
    // WAL lets dashboard reads proceed while the usage recorder writes.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  }
  const named = await backfillKeyNameKeys();
  if (named) log(`key names prepared for comparison: ${named}`);
  if (process.env.SEED_DEMO_DATA !== "false" && (await seedDemoDataIfEmpty()))
    log("demo data seeded (password from DEMO_PASSWORD or keysmith-demo)");
}
