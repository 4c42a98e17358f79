// The load steps the bench's parts share: one autocannon run printed as one line, and two sides
// measured in alternating runs (ABBA: a drift in the machine's load weighs on both alike).
import autocannon from "autocannon";

export type LoadResult = { label: string; rps: number; p50: number; p99: number; requests: number; errors: number };
export type LoadOptions = { connections: number; seconds: number };

export function log(line: string) {
  process.stdout.write(`${line}\n`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function ratio(a: number, b: number) {
  return (a / b).toFixed(2);
}

/** One autocannon run (a POST with `post`'s body), printed as one line. */
export async function loadRun(
  label: string,
  url: string,
  headers: Record<string, string>,
  options: LoadOptions,
  post?: { body: string },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers,
    ...(post && { method: "POST" as const, body: post.body }),
  });
  const requests = result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"];
  const r = {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    errors: result.non2xx + result.errors,
  };
  log(
    `  ${label.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms   (${requests} requests, ${r.errors} not 2xx)`,
  );
  return r;
}

export type Side = { label: string; url: string; headers: Record<string, string> };

/** Each side warmed up, then `rounds` alternating runs; each side's median throughput, in order. */
export async function alternateRuns(sides: Side[], rounds: number, options: LoadOptions): Promise<number[]> {
  const rps: number[][] = sides.map(() => []);
  for (const side of sides) await loadRun(`warm-up ${side.label}`, side.url, side.headers, options);
  for (let round = 0; round < rounds; round++) {
    const order = sides.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order)
      rps[i]!.push((await loadRun(`${sides[i]!.label} (run ${round + 1})`, sides[i]!.url, sides[i]!.headers, options)).rps);
  }
  return sides.map((side, i) => {
    log(`  ${`${side.label}, median of ${rounds}`.padEnd(44)} ${median(rps[i]!).toFixed(0).padStart(7)} req/s`);
    return median(rps[i]!);
  });
}
