// `npm test`: every check, in the order that fails fastest. Exits non-zero on any failure and ends
// with one line that counts every test run.
//   advisories of production dependencies -> lint and types -> lib tests on SQLite -> lib tests on PostgreSQL -> build -> browser tests
// TEST_POSTGRES_URL names the PostgreSQL server (default: the local one, trust auth); a fresh
// database is created for the run and dropped after it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const results = path.join(root, ".tmp/results");
fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });

const postgresUrl = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.DATABASE_URL; // each stage chooses its own database

const counts = { passed: 0, failed: 0, skipped: 0 };

function run(title, command, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  console.log(`=== ${title}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function countVitest(file) {
  if (!fs.existsSync(file)) return;
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
  counts.skipped += report.numPendingTests + report.numTodoTests;
}

function countPlaywright(file) {
  if (!fs.existsSync(file)) return;
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
  counts.passed += stats.expected + stats.flaky;
  counts.failed += stats.unexpected;
  counts.skipped += stats.skipped;
}

const vitest = (name) => [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${path.join(results, `${name}.json`)}`,
];

// First: a known high or critical advisory in what production installs outranks every other result.
let ok =
  run("production dependencies against the advisory snapshot", "node", ["scripts/deps-check.mjs"]) &&
  run("lint (biome)", "npx", ["biome", "check", "."]) &&
  run("types (tsc)", "npx", ["tsc", "--noEmit"]);
if (ok) {
  ok = run("lib tests on SQLite", "npx", vitest("vitest-sqlite"));
  countVitest(path.join(results, "vitest-sqlite.json"));
}
if (ok) {
  ok = run("lib tests on PostgreSQL", "npx", vitest("vitest-postgresql"), { TEST_DATABASE_URL: postgresUrl });
  countVitest(path.join(results, "vitest-postgresql.json"));
}
if (ok) ok = run("build", "npm", ["run", "build"]);
if (ok) {
  ok = run("browser tests (Playwright, Chromium)", "npx", ["playwright", "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(results, "playwright.json"),
  });
  countPlaywright(path.join(results, "playwright.json"));
}

console.log(`\n${ok ? "All checks passed." : "Some checks FAILED."}`);
console.log(`Tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`);
process.exit(ok ? 0 : 1);
