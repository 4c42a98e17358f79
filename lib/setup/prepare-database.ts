// Brings the database to the current schema and, when it is new, fills it with demo data.
import { backfillKeyNameKeys } from "@/lib/api-keys/name-keys";
import { keyPeppers } from "@/lib/api-keys/pepper";
import { countLegacyKeys } from "@/lib/api-keys/rehash";
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
  // Read now, so a malformed KEY_PEPPER stops the start instead of failing every API request.
  const { generatedFile } = keyPeppers();
  if (generatedFile)
    log(
      `warning: KEY_PEPPER is not set; API keys are hashed with a pepper generated into ${generatedFile}. Set KEY_PEPPER in production (openssl rand -base64 32) and keep it out of database backups.`,
    );
  const legacy = await countLegacyKeys();
  if (legacy) log(`${legacy} API keys are stored as bare SHA-256 (before the pepper): run npm run keys:rehash to pepper them now`);
  const named = await backfillKeyNameKeys();
  if (named) log(`key names prepared for comparison: ${named}`);
  if (process.env.SEED_DEMO_DATA !== "false" && (await seedDemoDataIfEmpty()))
    log("demo data seeded (password from DEMO_PASSWORD or keysmith-demo)");
}
