// `npm run bench`: the API's speed as ratios within one run (never a timed test). Builds and starts the
// production server on a fresh SQLite database, drives load from this separate process with autocannon,
// and prints: the key check against the lean health route and a Next.js route handler; the verify
// endpoint (POST /api/keysmith/verify) over HTTP against the same key check called in process; 1k against 1M
// keys; usage recording on against off; usage rows against requests sent; the usage table's first page
// against its deepest.
// 1k against 1M keys compares two databases that differ only in their keys (the 1M one is a copy of
// the 1k one, filled up), each served by its own server started and warmed up the same way, measured
// in alternating runs (1k 1M, 1M 1k, ...) and compared by their medians. Measured once each, the 1M
// run straight after the million inserts on the same file, the ratio swung from 0.69x to 1.28x.
// Recording on against off is measured the same way (two servers on copies of one database), and so is
// rate limiting on against off, in process and through Redis (a redis-server of the bench's own).
// Gateway mode: through Keysmith against straight to the example upstream, and streamed 10 MB bodies
// (scripts/bench-gateway.ts).
//   npm run bench               build, then measure
//   npm run bench -- --no-build measure the current build
//   npm run bench -- --audit    only the audit log at a million events (scripts/bench-audit.ts, no build)
//   npm run bench -- --writes   only record writes through the API (scripts/bench-writes.ts; with --no-build too)
//   npm run bench -- --gateway  only gateway mode (scripts/bench-gateway.ts; with --no-build too)
//   npm run bench -- --postgres only PostgreSQL as deployed: key cache, nginx, revocation across instances,
//                               usage at 10M rows (scripts/bench-postgres.ts; with --no-build too; needs nginx)
//   npm run bench -- --rate-limits  only rate limiting on against off (with --no-build too)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { createKeyRateLimiter } from "@/lib/rate-limit/key-rate-limiter";
import { createLimiterStore } from "@/lib/rate-limit/limiter-store";
import { type BuiltServer, startBuiltServer } from "@/lib/testing/built-server";
import { fillKeys } from "@/lib/testing/load-keys";
import { testRedis } from "@/lib/testing/redis-server";
import { benchAudit } from "./bench-audit";
import { benchGateway, gatewaySummary } from "./bench-gateway";
import { alternateRuns, type LoadResult, loadRun, log, median, ratio, type Side } from "./bench-load";
import { benchPostgres } from "./bench-postgres";
import { benchWrites } from "./bench-writes";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, ".tmp/bench");
const dbFile = path.join(dir, "keysmith.db");
const dbFile1M = path.join(dir, "keysmith-1m.db");
const dbFileNoRecording = path.join(dir, "keysmith-no-recording.db");
const dbFileLimited = path.join(dir, "keysmith-limited.db");
const BENCH_REDIS_PORT = 6393;
const PORT = 3400;
const PORT_1M = 3401;
const BASE = `http://127.0.0.1:${PORT}`;
const BASE_1M = `http://127.0.0.1:${PORT_1M}`;
const DURATION = Number(process.env.BENCH_SECONDS || 5);
const CONNECTIONS = 16;
const COUNTED_REQUESTS = 20_000;
// Measured runs per side in the alternating comparisons (odd, so the median is one run's figure).
const ROUNDS = 5;

function startServer(env: Record<string, string> = {}, databaseFile = dbFile, port = PORT): Promise<BuiltServer> {
  return startBuiltServer({ port, databaseFile, env });
}

const LOAD = { connections: CONNECTIONS, seconds: DURATION };

function load(label: string, url: string, headers: Record<string, string> = {}, post?: { body: string }): Promise<LoadResult> {
  return loadRun(label, url, headers, LOAD, post);
}

/**
 * Leaves a stopped server's database file complete and on disk: the write-ahead log folded in and
 * emptied, the file synced, so the next run neither checkpoints nor competes with writeback.
 */
function settle(file: string): void {
  const sqlite = new Database(file, { fileMustExist: true });
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  const fd = fs.openSync(file, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

const SERVICE_TOKEN = "bench-service-token-0123456789abcdef0123456789";

/**
 * The verify endpoint's own work without HTTP: lib/api-keys/verify.ts's key check (format, hash,
 * lookup, status) called in this process on the server's database, as many at once as the load has
 * connections; calls per second over one run's duration.
 */
async function measureInProcessKeyCheck(secret: string): Promise<number> {
  process.env.DATABASE_URL = `file:${dbFile}`;
  const { verifyKey } = await import("@/lib/api-keys/verify");
  const { closeKeyLookup } = await import("@/lib/api-keys/key-lookup");
  const run = async (ms: number) => {
    const until = performance.now() + ms;
    let calls = 0;
    const worker = async () => {
      while (performance.now() < until) {
        if (!(await verifyKey(secret)).ok) throw new Error("the bench key did not verify in process");
        calls++;
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    return calls / (ms / 1000);
  };
  await run(1000);
  const rps = await run(DURATION * 1000);
  await closeKeyLookup();
  log(`  ${"in-process key check (verify.ts, no HTTP)".padEnd(44)} ${rps.toFixed(0).padStart(7)} calls/s`);
  return rps;
}

/**
 * The usage table's keyset pages (docs/architecture.md, "Speed": a deep page costs what the first does), on the usage rows
 * all the runs above left in the 1k database: the dashboard's own query, called in this process.
 */
async function measureUsageReads(): Promise<{ first: number; deep: number }> {
  process.env.DATABASE_URL = `file:${dbFile}`;
  const { recentRequests, usageSummary } = await import("@/lib/usage/queries");
  const { encodeCursor } = await import("@/lib/keyset-cursor");
  const { db } = await import("@/lib/db");
  const sqlite = new Database(dbFile, { readonly: true });
  const { workspaceId, n } = sqlite
    .prepare(`SELECT "workspaceId", COUNT(*) AS n FROM "ApiRequest" GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)
    .get() as { workspaceId: string; n: number };
  // The cursor of the page 100 rows before the oldest: the deepest page a user can reach.
  const deepRow = sqlite
    .prepare(`SELECT "createdAt", "id" FROM "ApiRequest" WHERE "workspaceId" = ? ORDER BY "createdAt" DESC, "id" DESC LIMIT 1 OFFSET ?`)
    .get(workspaceId, Math.max(0, n - 100)) as { createdAt: string; id: string };
  sqlite.close();
  const cursor = encodeCursor({ v: new Date(deepRow.createdAt).toISOString(), id: deepRow.id });

  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  const first: number[] = [];
  const deep: number[] = [];
  for (let i = 0; i < 21; i++) {
    first.push(await timed(() => recentRequests(workspaceId, { outcome: "all" })));
    deep.push(await timed(() => recentRequests(workspaceId, { outcome: "all", cursor })));
  }
  const chart = await timed(() => usageSummary(workspaceId, { range: "30d" }));
  await db.$disconnect();
  log(`\nUsage reads on ${n.toLocaleString("en")} usage rows of one workspace (the dashboard's queries, median of 21):`);
  log(`  recent requests, first page                  ${median(first).toFixed(1).padStart(7)} ms`);
  log(`${`  recent requests, page ${(n - 100).toLocaleString("en")} rows deep`.padEnd(47)}${median(deep).toFixed(1).padStart(7)} ms`);
  log(`  requests chart, 30 days (one run)            ${chart.toFixed(1).padStart(7)} ms`);
  return { first: median(first), deep: median(deep) };
}

type ServedSide = Side & { server: BuiltServer };

/** Two servers measured in alternating runs (scripts/bench-load.ts); each side's median, both stopped after. */
async function alternate(sides: [ServedSide, ServedSide]): Promise<[number, number]> {
  const [a, b] = await alternateRuns(sides, ROUNDS, LOAD);
  for (const side of sides) await side.server.stop();
  return [a!, b!];
}

/** One key's limit check in this process, as the handler calls it: microseconds per check (median of 5 runs). */
async function measureLimitCheck(redisUrl?: string): Promise<number> {
  const store = createLimiterStore(redisUrl);
  await store.shared();
  const limiter = createKeyRateLimiter(store);
  const limit = { requests: 1_000_000, period: "second" } as const;
  const checks = redisUrl ? 5_000 : 100_000;
  const runs: number[] = [];
  for (let run = 0; run < 6; run++) {
    const started = performance.now();
    for (let n = 0; n < checks; n++) await limiter.check(`bench-key-${n % 100}`, limit);
    // The first run warms up.
    if (run) runs.push(((performance.now() - started) * 1000) / checks);
  }
  store.close();
  return median(runs);
}

/**
 * Rate limiting on against off: the same database twice, every key of the copy limited to a million
 * requests a second, so each request is counted and none refused; in process, then through Redis.
 */
async function measureRateLimiting(
  auth: Record<string, string>,
): Promise<{ memory: number; redis: number; memoryCheckUs: number; redisCheckUs: number }> {
  settle(dbFile);
  fs.copyFileSync(dbFile, dbFileLimited);
  const sqlite = new Database(dbFileLimited);
  sqlite.prepare(`UPDATE "ApiKey" SET "rateLimitRequests" = 1000000, "rateLimitPeriod" = 'second'`).run();
  sqlite.close();
  const redis = testRedis(BENCH_REDIS_PORT);
  await redis.start();
  try {
    const ratios = { memory: 0, redis: 0, memoryCheckUs: await measureLimitCheck(), redisCheckUs: await measureLimitCheck(redis.url) };
    log(
      `\nOne limit check in this process: ${ratios.memoryCheckUs.toFixed(2)} µs in memory, ${ratios.redisCheckUs.toFixed(0)} µs through Redis`,
    );
    for (const [name, env] of [
      ["memory", {}],
      ["redis", { REDIS_URL: redis.url }],
    ] as const) {
      log(`\nRate limiting on against off (key check, ${name === "memory" ? "counted in process" : "counted in Redis"}):`);
      const limited = await startServer(env, dbFileLimited, PORT_1M);
      // Each request must go through the limiter and pass it: the load below measures nothing otherwise.
      const probe = await fetch(`${BASE_1M}/api/v1/key`, { headers: auth });
      if (probe.status !== 200 || !probe.headers.get("ratelimit")) throw new Error("the rate-limited bench key was not counted");
      const [off, on] = await alternate([
        { label: "rate limiting off", server: await startServer(env), url: `${BASE}/api/v1/key`, headers: auth },
        { label: "rate limiting on", server: limited, url: `${BASE_1M}/api/v1/key`, headers: auth },
      ]);
      ratios[name] = on / off;
    }
    return ratios;
  } finally {
    await redis.stop();
  }
}

async function main() {
  if (process.argv.includes("--audit")) return benchAudit(dir);
  if (!process.argv.includes("--no-build")) {
    const build = spawnSync("npm", ["run", "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  if (process.argv.includes("--writes")) return benchWrites(dir, DURATION, CONNECTIONS);
  if (process.argv.includes("--postgres")) return benchPostgres(dir, { connections: CONNECTIONS, seconds: DURATION });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  if (process.argv.includes("--gateway")) {
    const figures = await benchGateway(dir, DURATION, CONNECTIONS);
    log("\nSummary (target in brackets):");
    for (const line of gatewaySummary(figures)) log(line);
    return;
  }
  log(`\nKeysmith bench: ${CONNECTIONS} connections, ${DURATION} s per run, load from a separate process\n`);
  if (process.argv.includes("--rate-limits")) {
    const prepared = await startServer();
    const secret = fillKeys(dbFile, 1_000);
    await prepared.stop();
    const limiting = await measureRateLimiting({ authorization: `Bearer ${secret}` });
    log(`\n  rate limiting on / off, in process  ${limiting.memory.toFixed(2)}x   [>= 0.8x]`);
    log(`  rate limiting on / off, Redis       ${limiting.redis.toFixed(2)}x   [>= 0.8x]`);
    log(
      `  one limit check                     ${limiting.memoryCheckUs.toFixed(2)} µs in memory, ${limiting.redisCheckUs.toFixed(0)} µs through Redis`,
    );
    return;
  }

  let server = await startServer({ KEYSMITH_SERVICE_TOKEN: SERVICE_TOKEN });
  const secretAt1k = fillKeys(dbFile, 1_000);
  const auth = { authorization: `Bearer ${secretAt1k}` };

  log("Paths of one server (1k keys in the database, usage recording on):");
  await load("warm-up", `${BASE}/api/v1/key`, auth);
  const health = await load("lean GET /api/v1/health (no key)", `${BASE}/api/v1/health`);
  const keyed = await load("lean GET /api/v1/key (key check)", `${BASE}/api/v1/key`, auth);
  const nextRoute = await load("Next route handler GET /api/ready (constant)", `${BASE}/api/ready`);
  const verifyBody = JSON.stringify({ key: secretAt1k, scope: "lists:read" });
  const verifyHeaders = { authorization: `Bearer ${SERVICE_TOKEN}`, "content-type": "application/json" };
  // Every verdict answers 200: the load below only measures the valid one if this one is.
  const probe = await fetch(`${BASE}/api/keysmith/verify`, { method: "POST", headers: verifyHeaders, body: verifyBody });
  if (!((await probe.json()) as { valid?: boolean }).valid) throw new Error("the verify endpoint did not find the bench key valid");
  const verifyHttp = await load("POST /api/keysmith/verify (service token)", `${BASE}/api/keysmith/verify`, verifyHeaders, {
    body: verifyBody,
  });
  const verifyInProcess = await measureInProcessKeyCheck(secretAt1k);

  // Invariant 7: after a graceful shutdown, one usage row per request served. A fixed number of
  // requests (not a duration, which leaves some in flight uncounted by the load generator).
  await server.stop();
  const usageRows = () => {
    const sqlite = new Database(dbFile, { readonly: true });
    const n = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "ApiRequest"`).get() as { n: number }).n;
    sqlite.close();
    return n;
  };
  const rowsBefore = usageRows();
  server = await startServer();
  const counted = await autocannon({ url: `${BASE}/api/v1/key`, connections: CONNECTIONS, amount: COUNTED_REQUESTS, headers: auth });
  const served = counted["1xx"] + counted["2xx"] + counted["3xx"] + counted["4xx"] + counted["5xx"];
  await server.stop();
  const rows = usageRows() - rowsBefore - server.probesAnswered;

  log("\nRecording on against off (key check, two servers on copies of one database):");
  // Copies, because two servers cannot migrate one SQLite file at once; the one recording keeps the
  // original, whose usage rows the usage reads below are measured on.
  settle(dbFile);
  fs.copyFileSync(dbFile, dbFileNoRecording);
  const [off, on] = await alternate([
    {
      label: "recording off",
      server: await startServer({ USAGE_RECORDING: "off" }, dbFileNoRecording, PORT_1M),
      url: `${BASE_1M}/api/v1/key`,
      headers: auth,
    },
    { label: "recording on", server: await startServer(), url: `${BASE}/api/v1/key`, headers: auth },
  ]);

  const limiting = await measureRateLimiting(auth);

  log("\nKey lookup with 1k against 1M keys:");
  settle(dbFile);
  fs.copyFileSync(dbFile, dbFile1M);
  const started = Date.now();
  const secretAt1M = fillKeys(dbFile1M, 1_000_000);
  log(`  (inserted up to 1M keys in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  settle(dbFile1M);
  const [at1k, at1M] = await alternate([
    { label: "1k keys", server: await startServer(), url: `${BASE}/api/v1/key`, headers: auth },
    {
      label: "1M keys",
      server: await startServer({}, dbFile1M, PORT_1M),
      url: `${BASE_1M}/api/v1/key`,
      headers: { authorization: `Bearer ${secretAt1M}` },
    },
  ]);

  const usageReads = await measureUsageReads();
  const gateway = await benchGateway(dir, DURATION, CONNECTIONS);

  log("\nSummary (target in brackets):");
  log(`  key check / lean health      ${ratio(keyed.rps, health.rps)}x   [>= 0.5x]`);
  log(`  key check / Next route       ${ratio(keyed.rps, nextRoute.rps)}x   [>= 10x]`);
  log(`  key check p99                ${keyed.p99} ms   [< 10 ms]`);
  log(
    `  verify endpoint / in-process ${ratio(verifyHttp.rps, verifyInProcess)}x   (${verifyHttp.rps.toFixed(0)} req/s over HTTP, ${verifyInProcess.toFixed(0)} calls/s in process)`,
  );
  log(`  1M keys / 1k keys            ${ratio(at1M, at1k)}x   [within 1.2x: >= 0.83x]`);
  log(`  recording on / off           ${ratio(on, off)}x   [>= 0.9x]`);
  log(`  rate limiting on / off       ${limiting.memory.toFixed(2)}x in process, ${limiting.redis.toFixed(2)}x through Redis   [>= 0.8x]`);
  log(
    `  one limit check              ${limiting.memoryCheckUs.toFixed(2)} µs in memory, ${limiting.redisCheckUs.toFixed(0)} µs through Redis`,
  );
  log(`  usage rows / requests sent   ${rows} / ${served} of ${COUNTED_REQUESTS}   [equal]`);
  log(`  usage deep page / first page ${ratio(usageReads.deep, usageReads.first)}x   [about 1x: <= 1.5x]`);
  for (const line of gatewaySummary(gateway)) log(line);
  if (rows !== served || served !== COUNTED_REQUESTS) process.exitCode = 1;
}

await main();
