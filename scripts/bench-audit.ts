// `npm run bench -- --audit`: the audit log at a million events, in this process on a fresh SQLite
// file (the dashboard's own queries, no server to build): the seeding of a genuine keyed chain (target
// well under a minute), the first page against the deepest (target <= 2x), an export of every event as
// CSV through the same streamed response the route sends, with its rows per second and the process's
// peak memory growth (target < 64 MB), and verifyAuditChain over the whole chain (seconds, with its
// peak memory growth: it reads in batches, so the same bound).
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import Database from "better-sqlite3";
import { fillAuditEvents } from "@/lib/testing/load-audit";

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS || 1_000_000);
const RUNS = 41;

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

// A full garbage collection before the baseline, so the growth measured is the export's own.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

/**
 * Runs `work` while sampling the resident set size; returns its answer, seconds of wall clock and of this
 * process's CPU (on a shared machine the wall clock is mostly waiting for a core), and peak growth in bytes.
 */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number; peakGrowth: number }> {
  collectGarbage();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  clearInterval(sampler);
  return { value, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakGrowth: Math.max(peak, process.memoryUsage().rss) - baseline };
}

/** Reads a streamed response to its end; returns its bytes and lines less the header. */
async function drain(response: Response): Promise<{ bytes: number; rows: number }> {
  const reader = response.body!.getReader();
  let bytes = 0;
  let rows = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) rows++;
  }
  return { bytes, rows: rows - 1 };
}

export async function benchAudit(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "audit.db");
  fs.rmSync(file, { force: true });
  process.env.DATABASE_URL = `file:${file}`;
  // The chain's own keys, and a checkpoint file of this run only.
  process.env.AUDIT_KEY = "bench-audit-key-0123456789abcdefghijklmnopqrstuvwxyz";
  process.env.AUDIT_SIGNING_KEY = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  process.env.AUDIT_CHECKPOINT_FILE = path.join(dir, "audit-checkpoints.jsonl");
  fs.rmSync(process.env.AUDIT_CHECKPOINT_FILE, { force: true });
  const { deployMigrations } = await import("@/lib/migrations.mjs");
  await deployMigrations();
  const seed = await measured(async () => fillAuditEvents(file, EVENTS));
  const workspaceId = seed.value;
  const seedSeconds = seed.seconds;
  const sqlite = new Database(file);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.exec("ANALYZE");
  sqlite.close();
  // On disk before measuring, so the reads do not compete with the seed's writeback.
  const fd = fs.openSync(file, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  log(
    `\nAudit log at ${EVENTS.toLocaleString("en")} events, a genuine keyed chain (seeded in ${seedSeconds.toFixed(1)} s, ${seed.cpuSeconds.toFixed(1)} s of CPU):`,
  );

  const { listAuditEvents, AUDIT_PAGE_SIZE } = await import("@/lib/audit/queries");
  const { encodeCursor } = await import("@/lib/keyset-cursor");
  const { auditExportChunks } = await import("@/lib/audit/export");
  const { downloadResponse } = await import("@/lib/export/download");
  const { db } = await import("@/lib/db");
  // The deepest page a user can reach: the last AUDIT_PAGE_SIZE events.
  const deepest = { cursor: encodeCursor({ v: String(AUDIT_PAGE_SIZE + 1), id: "" }) };
  const filtered = { action: "key.rotated" };
  const first: number[] = [];
  const deep: number[] = [];
  const firstFiltered: number[] = [];
  const deepFiltered: number[] = [];
  // Alternating order (first, deep, deep, first, ...), so a burst of load on the machine weighs on both.
  const pairs: [number[], () => Promise<unknown>, number[], () => Promise<unknown>][] = [
    [first, () => listAuditEvents(workspaceId, {}), deep, () => listAuditEvents(workspaceId, deepest)],
    [
      firstFiltered,
      () => listAuditEvents(workspaceId, filtered),
      deepFiltered,
      () => listAuditEvents(workspaceId, { ...filtered, ...deepest }),
    ],
  ];
  for (let i = 0; i < RUNS; i++) {
    for (const [a, runA, b, runB] of pairs) {
      if (i % 2) {
        b.push(await timed(runB));
        a.push(await timed(runA));
      } else {
        a.push(await timed(runA));
        b.push(await timed(runB));
      }
    }
  }
  log(`  first page                                 ${median(first).toFixed(1).padStart(7)} ms`);
  log(`  deepest page                               ${median(deep).toFixed(1).padStart(7)} ms`);
  log(`  first page, one action                     ${median(firstFiltered).toFixed(1).padStart(7)} ms`);
  log(`  deepest page, one action                   ${median(deepFiltered).toFixed(1).padStart(7)} ms`);

  // A small export first, so what the measured one allocates is the export and not module loading.
  const snapshot = { throughSeq: EVENTS, checkpoint: null };
  await drain(downloadResponse(auditExportChunks(workspaceId, filtered, "csv", snapshot), "csv", "warm-up.csv"));
  const exportRun = await measured(() => drain(downloadResponse(auditExportChunks(workspaceId, {}, "csv", snapshot), "csv", "audit.csv")));
  const exported = { ...exportRun.value, peakGrowth: exportRun.peakGrowth };
  const rowsPerSecond = exported.rows / exportRun.seconds;
  log(
    `  CSV export: ${exported.rows.toLocaleString("en")} rows, ${(exported.bytes / 1e6).toFixed(0)} MB in ${exportRun.seconds.toFixed(1)} s` +
      ` (${rowsPerSecond.toFixed(0)} rows/s), peak memory growth ${(exported.peakGrowth / 2 ** 20).toFixed(1)} MB`,
  );

  const { verifyAuditChain } = await import("@/lib/audit/verify-workspace");
  const { describeVerification } = await import("@/lib/audit/verify");
  const verification = await measured(() => verifyAuditChain(workspaceId, "all"));
  const verifiedOk = verification.value.ok && verification.value.throughSeq === EVENTS;
  log(
    `  verifyAuditChain, whole chain: ${describeVerification(verification.value)} in ${verification.seconds.toFixed(1)} s` +
      ` (${verification.cpuSeconds.toFixed(1)} s of CPU)` +
      ` (${(EVENTS / verification.seconds).toFixed(0)} events/s), peak memory growth ${(verification.peakGrowth / 2 ** 20).toFixed(1)} MB`,
  );
  await db.$disconnect();

  const pageRatio = median(deep) / median(first);
  const filteredRatio = median(deepFiltered) / median(firstFiltered);
  const growthMb = exported.peakGrowth / 2 ** 20;
  const verifyGrowthMb = verification.peakGrowth / 2 ** 20;
  log("\nSummary (target in brackets):");
  log(
    `  seeding ${EVENTS.toLocaleString("en")} events       ${seedSeconds.toFixed(1)} s (CPU ${seed.cpuSeconds.toFixed(1)} s)   [well under 60 s]`,
  );
  log(`  audit deepest / first page   ${pageRatio.toFixed(2)}x   [<= 2x]`);
  log(`  same, filtered by action     ${filteredRatio.toFixed(2)}x   [<= 2x]`);
  log(`  export rows / events         ${exported.rows} / ${EVENTS}   [equal]`);
  log(`  export peak memory growth    ${growthMb.toFixed(1)} MB   [< 64 MB]`);
  log(
    `  chain verification           ${verification.seconds.toFixed(1)} s (CPU ${verification.cpuSeconds.toFixed(1)} s)   [seconds, intact through ${EVENTS}: ${verifiedOk ? "yes" : "NO"}]`,
  );
  log(`  verification memory growth   ${verifyGrowthMb.toFixed(1)} MB   [< 64 MB]`);
  if (
    pageRatio > 2 ||
    filteredRatio > 2 ||
    exported.rows !== EVENTS ||
    growthMb >= 64 ||
    seedSeconds >= 60 ||
    !verifiedOk ||
    verifyGrowthMb >= 64
  )
    process.exitCode = 1;
}
