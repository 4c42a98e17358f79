// How much another process's resident memory grows while some work runs: the gateway's proof that it
// streams bodies rather than holding them (e2e/gateway.spec.ts, npm run bench). Linux only (/proc).
import fs from "node:fs";

const SAMPLE_MS = 20;

function residentBytes(pid: number): number {
  const kilobytes = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  if (kilobytes === undefined) throw new Error(`process ${pid} has no resident memory: it has exited`);
  return Number(kilobytes) * 1024;
}

/** The peak of the process's resident memory during `work`, less what it was before, in bytes. */
export async function peakMemoryGrowth(pid: number, work: () => Promise<void>): Promise<number> {
  const before = residentBytes(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentBytes(pid));
  }, SAMPLE_MS);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, residentBytes(pid)) - before;
}
