// `npm start`, the local demo: build when the build is missing or older than the sources, then run the
// production server in demo mode (KEYSMITH_MODE=demo: demo data seeded into an empty database, a "Demo
// data" banner on every page) on the loopback interface unless HOST says otherwise. Migrations and demo
// data are applied by the server itself at start. `npm run serve` is the production start.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const built = path.join(root, "dist/server.mjs");
const sources = ["app", "components", "lib", "prisma/models.prisma", "server.ts", "proxy.ts", "next.config.mjs", "package-lock.json"];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(full).map((name) => newestMtime(path.join(entry, name))));
}

const buildTime = fs.existsSync(built) && fs.existsSync(path.join(root, ".next/BUILD_ID")) ? fs.statSync(built).mtimeMs : 0;
if (buildTime < Math.max(...sources.map(newestMtime))) {
  console.log("Building Keysmith (first start or changed sources)...");
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = spawn(process.execPath, ["--enable-source-maps", built], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", KEYSMITH_MODE: "demo", HOST: process.env.HOST || "127.0.0.1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
