// Writes one schema per provider from prisma/models.prisma and generates a client for each.
// The Prisma CLI cannot download its schema engine on offline machines; `generate` needs no engine,
// so PRISMA_SCHEMA_ENGINE_BINARY points at a stub that only explains that (see scripts/schema-engine-stub).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const models = fs.readFileSync(path.join(root, "prisma/models.prisma"), "utf8");

export const providers = [
  { dir: "sqlite", provider: "sqlite" },
  { dir: "postgresql", provider: "postgresql" },
];

for (const { dir, provider } of providers) {
  const schemaDir = path.join(root, "prisma", dir);
  fs.mkdirSync(schemaDir, { recursive: true });
  const schema = `// GENERATED from prisma/models.prisma by scripts/db-generate.mjs: edit that file, not this one.
generator client {
  provider     = "prisma-client"
  output       = "../generated/${dir}"
  moduleFormat = "esm"
}

datasource db {
  provider = "${provider}"
}

${models}`;
  const schemaPath = path.join(schemaDir, "schema.prisma");
  if (!fs.existsSync(schemaPath) || fs.readFileSync(schemaPath, "utf8") !== schema) fs.writeFileSync(schemaPath, schema);
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["generate", "--schema", schemaPath], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts/schema-engine-stub"), PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
console.log("prisma: schemas and clients generated for sqlite and postgresql");
