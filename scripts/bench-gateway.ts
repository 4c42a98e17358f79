// `npm run bench -- --gateway` (and part of the full bench): gateway mode against the example upstream
// (examples/upstream/server.mjs, its catalog examples/upstream/catalog.json), answering a constant.
// Throughput through the gateway against straight to the upstream (same requests, alternating runs),
// the latency Keysmith adds at low load (one connection, one request at a time, median of many), and a
// 10 MB download and upload through the gateway with the growth of the Keysmith process's memory.
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import { IDENTITY_HEADERS, SIGNATURE_HEADER, signUpstreamRequest } from "@/lib/gateway/signature";
import { freePort, startBuiltServer } from "@/lib/testing/built-server";
import { startExampleUpstream } from "@/lib/testing/example-upstream";
import { fillKeys } from "@/lib/testing/load-keys";
import { peakMemoryGrowth } from "@/lib/testing/process-memory";
import { streamDownload, streamUpload } from "@/lib/testing/streamed-bodies";
import { median } from "./bench-load";

const ROUNDS = 5;
const SEQUENTIAL_REQUESTS = 2_000;
const LARGE = 10 * 1024 * 1024;
const SCOPES = ["constant:read", "downloads:read", "uploads:write"];

export type GatewayFigures = { throughputRatio: number; addedP50Ms: number; downloadGrowth: number; uploadGrowth: number };

const log = (line: string) => process.stdout.write(`${line}\n`);

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Headers the gateway would send for GET /v2/constant, signed now: the upstream takes them for 300 s. */
function signedConstantHeaders(secret: string): Record<string, string> {
  const request = {
    method: "GET",
    path: "/v2/constant",
    keyId: "bench",
    workspaceId: "bench",
    scopes: "constant:read",
    requestId: "bench",
  };
  return {
    [IDENTITY_HEADERS.keyId]: request.keyId,
    [IDENTITY_HEADERS.workspaceId]: request.workspaceId,
    [IDENTITY_HEADERS.scopes]: request.scopes,
    "request-id": request.requestId,
    [SIGNATURE_HEADER]: signUpstreamRequest({ ...request, secret }),
  };
}

async function throughput(url: string, headers: Record<string, string>, connections: number, duration: number): Promise<number> {
  const result = await autocannon({ url, connections, duration, headers });
  if (result.non2xx + result.errors > 0) throw new Error(`${url}: ${result.non2xx} answers not 2xx, ${result.errors} errors`);
  return result.requests.average;
}

/** The median time of one GET at a time over one keep-alive connection, in ms. */
async function sequentialP50(url: string, headers: Record<string, string>): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      http
        .get(url, { agent, headers }, (response) => {
          response.resume();
          response.once("end", () =>
            response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${url}: ${response.statusCode}`)),
          );
        })
        .once("error", reject);
    });
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL_REQUESTS; i++) times.push(await once());
  agent.destroy();
  // The first tenth warms up (connections, JIT) and is not counted.
  return median(times.slice(SEQUENTIAL_REQUESTS / 10));
}

export async function benchGateway(dir: string, duration: number, connections: number): Promise<GatewayFigures> {
  const secret = randomBytes(32).toString("hex");
  const upstream = await startExampleUpstream({ secret });
  const databaseFile = path.join(dir, "keysmith-gateway.db");
  // A port of its own: fixed ones are taken by browser-test servers of other checkouts.
  const server = await startBuiltServer({
    port: await freePort(),
    databaseFile,
    env: {
      KEYSMITH_CATALOG: "examples/upstream/catalog.json",
      UPSTREAM_URL: upstream.origin,
      UPSTREAM_PATH_PREFIX: "/v2",
      UPSTREAM_SECRET: secret,
    },
  });
  try {
    const key = { authorization: `Bearer ${fillKeys(databaseFile, 1, SCOPES)}` };
    const through = { label: "through the gateway", url: `${server.base}/api/v1/constant`, headers: () => key };
    const direct = {
      label: "straight to the upstream",
      url: `${upstream.origin}/v2/constant`,
      headers: () => signedConstantHeaders(secret),
    };

    log(`\nGateway mode, the example upstream's GET /v2/constant (${connections} connections, ${duration} s per run):`);
    for (const side of [direct, through]) await throughput(side.url, side.headers(), connections, 1);
    const rps: [number[], number[]] = [[], []];
    for (let round = 0; round < ROUNDS; round++) {
      for (const i of round % 2 ? [1, 0] : [0, 1]) {
        const side = [direct, through][i]!;
        const result = await throughput(side.url, side.headers(), connections, duration);
        rps[i]!.push(result);
        log(`  ${`${side.label} (run ${round + 1})`.padEnd(44)} ${result.toFixed(0).padStart(7)} req/s`);
      }
    }
    const [directRps, throughRps] = [median(rps[0]), median(rps[1])];
    log(`  ${`straight to the upstream, median of ${ROUNDS}`.padEnd(44)} ${directRps.toFixed(0).padStart(7)} req/s`);
    log(`  ${`through the gateway, median of ${ROUNDS}`.padEnd(44)} ${throughRps.toFixed(0).padStart(7)} req/s`);

    const directP50 = await sequentialP50(direct.url, direct.headers());
    const throughP50 = await sequentialP50(through.url, through.headers());
    log(
      `  one request at a time, p50 of ${SEQUENTIAL_REQUESTS * 0.9}: straight ${directP50.toFixed(3)} ms, through ${throughP50.toFixed(3)} ms`,
    );

    const pid = server.child.pid!;
    const downloadGrowth = await peakMemoryGrowth(pid, async () => {
      const download = await streamDownload(`${server.base}/api/v1/large?bytes=${LARGE}`, key);
      if (download.status !== 200 || download.bytes !== LARGE)
        throw new Error(`the download gave ${download.status}, ${download.bytes} bytes`);
    });
    const uploadGrowth = await peakMemoryGrowth(pid, async () => {
      const upload = await streamUpload(`${server.base}/api/v1/upload`, key, LARGE);
      if (upload.status !== 200 || JSON.parse(upload.body).bytes !== LARGE)
        throw new Error(`the upload gave ${upload.status}: ${upload.body}`);
    });
    log(`  10 MB download through the gateway: Keysmith's memory grew ${megabytes(downloadGrowth)} at most`);
    log(`  10 MB upload through the gateway: Keysmith's memory grew ${megabytes(uploadGrowth)} at most`);
    return { throughputRatio: throughRps / directRps, addedP50Ms: throughP50 - directP50, downloadGrowth, uploadGrowth };
  } finally {
    await server.stop();
    await upstream.stop();
  }
}

/** The gateway's lines of the bench's summary. */
export function gatewaySummary(figures: GatewayFigures): string[] {
  return [
    `  gateway / direct upstream    ${figures.throughputRatio.toFixed(2)}x   [>= 0.5x]`,
    `  gateway p50 added, 1 conn    ${figures.addedP50Ms.toFixed(3)} ms   [< 1 ms]`,
    `  gateway 10 MB download, RSS  +${megabytes(figures.downloadGrowth)}   [< 32 MB]`,
    `  gateway 10 MB upload, RSS    +${megabytes(figures.uploadGrowth)}   [< 32 MB]`,
  ];
}
