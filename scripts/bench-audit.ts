// `npm run bench -- --audit`: the audit log at a million events, in this process on a fresh SQLite
// file (the dashboard's own queries, no server to build): the seeding time, the first page against
// the deepest (target <= 2x), and an export of every event as CSV through the same streamed response
// the route sends, with its rows per second and the process's peak memory growth (target < 64 MB).
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

/** Reads a streamed response to its end while sampling the resident set size; returns bytes and peak growth. */
async function drain(response: Response): Promise<{ bytes: number; rows: number; peakGrowth: number }> {
  collectGarbage();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const reader = response.body!.getReader();
  let bytes = 0;
  let rows = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) rows++;
  }
  clearInterval(sampler);
  return { bytes, rows: rows - 1, peakGrowth: Math.max(peak, process.memoryUsage().rss) - baseline };
}

export async function benchAudit(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "audit.db");
  fs.rmSync(file, { force: true });
  process.env.DATABASE_URL = `file:${file}`;
  const { deployMigrations } = await import("@/lib/migrations.mjs");
  await deployMigrations();
  const seedStarted = performance.now();
  const workspaceId = fillAuditEvents(file, EVENTS);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const sqlite = new Database(file);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.exec("ANALYZE");
  sqlite.close();
  // On disk before measuring, so the reads do not compete with the seed's writeback.
  const fd = fs.openSync(file, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  log(`\nAudit log at ${EVENTS.toLocaleString("en")} events (seeded in ${seedSeconds.toFixed(1)} s):`);

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
  await drain(downloadResponse(auditExportChunks(workspaceId, filtered, "csv"), "csv", "warm-up.csv"));
  const exportStarted = performance.now();
  const exported = await drain(downloadResponse(auditExportChunks(workspaceId, {}, "csv"), "csv", "audit.csv"));
  const exportSeconds = (performance.now() - exportStarted) / 1000;
  const rowsPerSecond = exported.rows / exportSeconds;
  log(
    `  CSV export: ${exported.rows.toLocaleString("en")} rows, ${(exported.bytes / 1e6).toFixed(0)} MB in ${exportSeconds.toFixed(1)} s` +
      ` (${rowsPerSecond.toFixed(0)} rows/s), peak memory growth ${(exported.peakGrowth / 2 ** 20).toFixed(1)} MB`,
  );
  await db.$disconnect();

  const pageRatio = median(deep) / median(first);
  const filteredRatio = median(deepFiltered) / median(firstFiltered);
  const growthMb = exported.peakGrowth / 2 ** 20;
  log("\nSummary (target in brackets):");
  log(`  seeding ${EVENTS.toLocaleString("en")} events       ${seedSeconds.toFixed(1)} s   [well under 60 s]`);
  log(`  audit deepest / first page   ${pageRatio.toFixed(2)}x   [<= 2x]`);
  log(`  same, filtered by action     ${filteredRatio.toFixed(2)}x   [<= 2x]`);
  log(`  export rows / events         ${exported.rows} / ${EVENTS}   [equal]`);
  log(`  export peak memory growth    ${growthMb.toFixed(1)} MB   [< 64 MB]`);
  if (pageRatio > 2 || filteredRatio > 2 || exported.rows !== EVENTS || growthMb >= 64 || seedSeconds >= 60) process.exitCode = 1;
}
