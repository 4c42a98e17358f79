// `npm run bench -- --writes [--no-build]`: record writes through the API (POST /api/v1/lists), the
// path whose audit event is written in the write's own transaction. One server on a fresh SQLite file,
// a warm-up, then the median of five runs: compare the figure of two builds run one after the other.
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { startBuiltServer } from "@/lib/testing/built-server";
import { fillKeys } from "@/lib/testing/load-keys";

const RUNS = 5;

export async function benchWrites(dir: string, seconds: number, connections: number): Promise<void> {
  const port = Number(process.env.BENCH_PORT || 3400);
  const databaseFile = path.join(dir, "keysmith-writes.db");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Runs write more records than a workspace's default quota holds: measured here is the write path, not the refusal.
  const server = await startBuiltServer({ port, databaseFile, env: { RECORD_QUOTA_RECORDS: "0", RECORD_QUOTA_BYTES: "0" } });
  try {
    const secret = fillKeys(databaseFile, 1, ["lists:write"]);
    const request = {
      url: `${server.base}/api/v1/lists`,
      method: "POST" as const,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ data: { attributes: { name: "Newsletter", size: 1200 } } }),
      connections,
    };
    process.stdout.write(`\nRecord writes, POST /api/v1/lists: ${connections} connections, ${seconds} s per run\n`);
    const rps: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const result = await autocannon({ ...request, duration: run === 0 ? Math.min(seconds, 3) : seconds });
      const label = run === 0 ? "warm-up" : `run ${run}`;
      process.stdout.write(
        `  ${label.padEnd(10)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   (${result.non2xx + result.errors} not 2xx)\n`,
      );
      if (run > 0) rps.push(result.requests.average);
    }
    const median = [...rps].sort((a, b) => a - b)[Math.floor(rps.length / 2)]!;
    process.stdout.write(`  median of ${RUNS}  ${median.toFixed(0).padStart(7)} req/s\n`);
  } finally {
    await server.stop();
  }
}
