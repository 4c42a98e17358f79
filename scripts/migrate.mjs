// node scripts/migrate.mjs deploy          apply pending migrations to DATABASE_URL
// node scripts/migrate.mjs create <name>   write a migration per provider from prisma/models.prisma
import { createMigration, deployMigrations } from "../lib/migrations.mjs";

const [command, name = "migration"] = process.argv.slice(2);
if (command === "create") {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: lowercase letters, digits and _ only");
  // One timestamp for both providers, so their folders pair up.
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const provider of ["sqlite", "postgresql"]) console.log(await createMigration(provider, name, stamp));
} else if (command === "deploy") {
  const applied = await deployMigrations();
  console.log(`migrations applied: ${applied.join(", ") || "none pending"}`);
} else {
  console.error("usage: node scripts/migrate.mjs deploy | create <name>");
  process.exit(2);
}
process.exit(0);
