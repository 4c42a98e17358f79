// `npm run bench -- --postgres [--no-build]`: Keysmith as the README deploys it on PostgreSQL (two
// instances and Redis behind nginx, lib/testing/deployment.ts), against the SQLite figure of the same
// run. Prints: the key check on SQLite, on PostgreSQL with the key cache and without it; one instance
// against two behind nginx; how long a revocation takes to be refused by the other instance (p50,
// p99, max over REVOCATIONS keys); the usage page's chart and its first and deepest page at
// USAGE_ROWS request rows (10 million by default; BENCH_USAGE_ROWS changes it).
import fs from "node:fs";
import path from "node:path";
import { startBuiltServer } from "@/lib/testing/built-server";
import { startDeployment } from "@/lib/testing/deployment";
import { fillKeys } from "@/lib/testing/load-keys";
import { alternateRuns, type LoadOptions, log, median, ratio } from "./bench-load";

const SQLITE_PORT = 3410;
const UNCACHED_PORT = 3003;
const ROUNDS = 3;
const REVOCATIONS = 50;
const USAGE_ROWS = Number(process.env.BENCH_USAGE_ROWS || 10_000_000);
const DAY_MS = 24 * 3600 * 1000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function status(url: string, secret: string): Promise<number> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Revokes each key through this process (the dashboard's own domain function, on the same database:
 * a third instance) after the other instance has it cached, then asks that instance back to back
 * until it refuses; the milliseconds from the revocation's commit to the first 401.
 */
async function revocationDelays(instanceUrl: string): Promise<number[]> {
  const { keyInput, workspaceWithKey } = await import("@/lib/testing/key-fixtures");
  const { createApiKey, revokeApiKey } = await import("@/lib/api-keys/lifecycle");
  const ws = await workspaceWithKey({ scopes: ["profiles:read"] });
  const delays: number[] = [];
  for (let i = 0; i < REVOCATIONS; i++) {
    const { key, secret } = await createApiKey(ws.change, keyInput({ scopes: ["profiles:read"] }));
    const url = `${instanceUrl}/api/v1/key`;
    if ((await status(url, secret)) !== 200) throw new Error("the new key was not accepted");
    await status(url, secret); // now answered from the cache
    await revokeApiKey(ws.change, key.id, "bench");
    const committed = performance.now();
    while ((await status(url, secret)) !== 401) {
      if (performance.now() - committed > 10_000) throw new Error("the revocation was not seen within 10 s");
    }
    delays.push(performance.now() - committed);
  }
  return delays;
}

/** USAGE_ROWS request rows of one workspace over 30 days, in their day partitions, with the rollup they make. */
async function fillUsage(databaseUrl: string, workspaceId: string, keyId: string): Promise<void> {
  const { default: pg } = await import("pg");
  const { ensurePartitions } = await import("@/lib/usage/partitions");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    for (let day = 31; day >= 0; day -= 7) await ensurePartitions(pool, new Date(Date.now() - day * DAY_MS));
    const started = Date.now();
    // Time-ordered ids, as the app's are (lib/usage/rows.ts): the row's time in hex, then its number.
    await pool.query(
      `INSERT INTO "ApiRequest" ("id", "workspaceId", "keyId", "method", "path", "resource", "requiredScope", "decision", "status", "latencyMs", "ip", "createdAt")
       SELECT lpad(to_hex((extract(epoch FROM t) * 1000)::bigint), 12, '0') || lpad(to_hex(n), 12, '0'), $1, $2, 'GET', '/api/v1/profiles', 'profiles', 'profiles:read',
              CASE WHEN n % 10 = 0 THEN 'missing_scope' ELSE 'allowed' END, CASE WHEN n % 10 = 0 THEN 403 ELSE 200 END, 1.5, '192.0.2.1', t
       FROM (SELECT n, now() AT TIME ZONE 'UTC' - (n * (30 * 86400.0 / $3)) * interval '1 second' AS t FROM generate_series(1, $3::int) AS n) AS rows`,
      [workspaceId, keyId, USAGE_ROWS],
    );
    await pool.query(
      `INSERT INTO "UsageRollup" ("workspaceId", "hour", "keyId", "resource", "requiredScope", "decision", "count")
       SELECT "workspaceId", date_trunc('hour', "createdAt"), "keyId", "resource", "requiredScope", "decision", count(*)
       FROM "ApiRequest" WHERE "workspaceId" = $1 AND "ip" = '192.0.2.1' GROUP BY 1, 2, 3, 4, 5, 6
       ON CONFLICT DO NOTHING`,
      [workspaceId],
    );
    await pool.query(`ANALYZE "ApiRequest"`);
    log(`  (inserted ${USAGE_ROWS.toLocaleString("en")} request rows and their rollup in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await pool.end();
  }
}

async function usageReads(workspaceId: string) {
  const { recentRequests, usageSummary } = await import("@/lib/usage/queries");
  const { encodeCursor } = await import("@/lib/keyset-cursor");
  const { db } = await import("@/lib/db");
  const deepRow = await db.apiRequest.findFirstOrThrow({
    where: { workspaceId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: 100,
    select: { createdAt: true, id: true },
  });
  const cursor = encodeCursor({ v: deepRow.createdAt.toISOString(), id: deepRow.id });
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  const first: number[] = [];
  const deep: number[] = [];
  const chart: number[] = [];
  for (let i = 0; i < 11; i++) {
    first.push(await timed(() => recentRequests(workspaceId, { outcome: "all" })));
    deep.push(await timed(() => recentRequests(workspaceId, { outcome: "all", cursor })));
    chart.push(await timed(() => usageSummary(workspaceId, { range: "30d" })));
  }
  return { first: median(first), deep: median(deep), chart: median(chart) };
}

export async function benchPostgres(dir: string, options: LoadOptions): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  log(`\nKeysmith on PostgreSQL, as deployed: ${options.connections} connections, ${options.seconds} s per run\n`);
  const sqliteFile = path.join(dir, "keysmith.db");
  const sqlite = await startBuiltServer({ port: SQLITE_PORT, databaseFile: sqliteFile });
  const sqliteSecret = fillKeys(sqliteFile, 1_000);
  const deployment = await startDeployment({ dir: path.join(dir, "deployment") });
  const uncached = await startBuiltServer({
    port: UNCACHED_PORT,
    databaseFile: "unused",
    env: { ...deployment.env, KEY_CACHE_TTL_MS: "0", AUDIT_CHECKPOINT_FILE: path.join(dir, "uncached-checkpoints.jsonl") },
  });
  try {
    // This process acts as a third instance: the same database and secrets.
    Object.assign(process.env, deployment.env);
    const { workspaceWithKey } = await import("@/lib/testing/key-fixtures");
    const ws = await workspaceWithKey({ scopes: ["profiles:read"] });
    const auth = { authorization: `Bearer ${ws.secret}` };
    const [first, second] = deployment.instances;

    log("The key check, GET /api/v1/key:");
    const [onSqlite, cached, notCached] = await alternateRuns(
      [
        { label: "SQLite", url: `${sqlite.base}/api/v1/key`, headers: { authorization: `Bearer ${sqliteSecret}` } },
        { label: "PostgreSQL, key cache on", url: `${first!.base}/api/v1/key`, headers: auth },
        { label: "PostgreSQL, key cache off", url: `http://127.0.0.1:${UNCACHED_PORT}/api/v1/key`, headers: auth },
      ],
      ROUNDS,
      options,
    );
    await sqlite.stop();
    await uncached.stop();

    log("\nOne instance against two behind nginx (PostgreSQL, key cache on):");
    const [one, two] = await alternateRuns(
      [
        { label: "one instance, direct", url: `${first!.base}/api/v1/key`, headers: auth },
        { label: "two instances behind nginx", url: `${deployment.base}/api/v1/key`, headers: auth },
      ],
      ROUNDS,
      options,
    );

    log(`\nRevocation through another instance, refused by ${second!.base} (${REVOCATIONS} keys):`);
    const delays = await revocationDelays(second!.base);
    const [p50, p99, max] = [percentile(delays, 50), percentile(delays, 99), Math.max(...delays)];
    log(`  p50 ${p50.toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   max ${max.toFixed(1)} ms`);

    log(`\nUsage reads at ${USAGE_ROWS.toLocaleString("en")} request rows of one workspace (median of 11):`);
    await fillUsage(deployment.databaseUrl, ws.workspace.id, ws.key.id);
    const reads = await usageReads(ws.workspace.id);
    log(`  requests chart, 30 days                      ${reads.chart.toFixed(1).padStart(7)} ms`);
    log(`  recent requests, first page                  ${reads.first.toFixed(1).padStart(7)} ms`);
    log(`  recent requests, deepest page                ${reads.deep.toFixed(1).padStart(7)} ms`);
    const { db } = await import("@/lib/db");
    await db.$disconnect();

    log("\nSummary (target in brackets):");
    log(`  PostgreSQL key check, cache on / SQLite     ${ratio(cached!, onSqlite!)}x   [>= 0.8x]`);
    log(`  PostgreSQL key check, cache off / SQLite    ${ratio(notCached!, onSqlite!)}x`);
    log(
      `  two instances behind nginx / one direct     ${ratio(two!, one!)}x   (2 cores: the load generator, nginx, both instances and PostgreSQL share them)`,
    );
    log(
      `  revocation seen by the other instance       p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms   [p99 < 100 ms]`,
    );
    log(`  usage deepest page / first page             ${ratio(reads.deep, reads.first)}x   [about 1x]`);
  } finally {
    await sqlite.stop();
    await uncached.stop();
    await deployment.stop();
  }
}
