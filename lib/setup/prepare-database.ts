// Brings the database to the current schema and, when demo data is enabled (lib/setup/mode.ts) and the
// database is new, fills it with demo data.
import { backfillKeyNameKeys } from "@/lib/api-keys/name-keys";
import { keyPeppers } from "@/lib/api-keys/pepper";
import { countLegacyKeys } from "@/lib/api-keys/rehash";
import { auditKeys } from "@/lib/audit/audit-keys";
import { checkpointEvery } from "@/lib/audit/checkpoint-sweep";
import { checkpointSigner } from "@/lib/audit/signing-key";
import { resolveDatabase } from "@/lib/database-url.mjs";
import { db } from "@/lib/db";
import { deployMigrations } from "@/lib/migrations.mjs";
import { DEMO_EMAILS, demoDataContents, seedDemoDataIfEmpty } from "@/lib/seed/demo-data";
import { demoDataEnabled, demoDataInProduction, type ModeEnv } from "./mode";

export async function prepareDatabase(log: (line: string) => void, env: ModeEnv = process.env) {
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
  // Likewise the audit key: a short AUDIT_KEY stops the start here rather than failing every change.
  const audit = auditKeys();
  if (audit.generatedFile)
    log(
      `warning: AUDIT_KEY is not set; the audit chain is keyed with a key generated into ${audit.generatedFile}. Set AUDIT_KEY in production (openssl rand -base64 32) and keep it out of database backups.`,
    );
  const signer = checkpointSigner();
  if (signer.generatedFile)
    log(
      `warning: AUDIT_SIGNING_KEY is not set; audit checkpoints are signed with a key generated into ${signer.generatedFile}. Set AUDIT_SIGNING_KEY in production (openssl genpkey -algorithm ed25519).`,
    );
  checkpointEvery();
  const legacy = await countLegacyKeys();
  if (legacy) log(`${legacy} API keys are stored as bare SHA-256 (before the pepper): run npm run keys:rehash to pepper them now`);
  const named = await backfillKeyNameKeys();
  if (named) log(`key names prepared for comparison: ${named}`);
  await prepareDemoData(log, env);
}

/** Seeds demo data when this start enables it, and warns whenever demo accounts can sign in here. */
export async function prepareDemoData(log: (line: string) => void, env: ModeEnv = process.env) {
  const started = performance.now();
  if (demoDataEnabled(env) && (await seedDemoDataIfEmpty({ contents: demoDataContents(env) }))) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(`demo data seeded in ${seconds} s (password from DEMO_PASSWORD or keysmith-demo)`);
  }
  if (demoDataInProduction(env)) {
    log("WARNING: SEED_DEMO_DATA=true in production: demo accounts with a published password can sign in. Never expose this instance.");
  } else if (!demoDataEnabled(env) && (await db.user.count({ where: { email: { in: DEMO_EMAILS } } })) > 0) {
    log("WARNING: this database holds demo accounts (seeded earlier) whose password is published. Remove them or change their passwords.");
  }
}
