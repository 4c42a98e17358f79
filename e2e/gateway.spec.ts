// Gateway mode end to end (docs/gateway.md): the example upstream (examples/upstream/server.mjs) as its
// own process behind a second instance of the build in gateway mode, on its own port and fresh SQLite
// file, with the catalog of examples/upstream/catalog.json (profiles, plus the example's download,
// upload and slow routes). The upstream prints each request as it arrives, so a test can tell that a
// request Keysmith refused never reached it. No page needed. The last test stops the upstream.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { IDENTITY_HEADERS, SIGNATURE_HEADER, verifyUpstreamSignature } from "@/lib/gateway/signature";
import { type BuiltServer, freePort, startBuiltServer } from "@/lib/testing/built-server";
import { type ExampleUpstream, startExampleUpstream } from "@/lib/testing/example-upstream";
import { fillKeys } from "@/lib/testing/load-keys";
import { peakMemoryGrowth } from "@/lib/testing/process-memory";
import { streamDownload, streamUpload } from "@/lib/testing/streamed-bodies";

const DIRECTORY = ".tmp/e2e-gateway";
const DATABASE_FILE = `${DIRECTORY}/keysmith.db`;
// Long enough that the slow answer below (SLOW_MS) is well inside it on a busy machine.
const TIMEOUT_MS = 3000;
const SLOW_MS = 1500;
const LARGE = 50 * 1024 * 1024;
// Far below the 50 MB that crosses: a gateway that held a body would grow by all of it.
const MAX_RSS_GROWTH = 32 * 1024 * 1024;

// Made at run time: no secret is committed.
const secret = randomBytes(32).toString("hex");
let upstream: ExampleUpstream;
let keysmith: BuiltServer;
let serverOutput = "";
/** Keys by what they may do; fillKeys numbers their ids load0, load1, ... in this order. */
const keys = { profiles: "", constantOnly: "", revoked: "" };
const PROFILES_SCOPES = ["profiles:write", "downloads:read", "uploads:write", "slow:read"];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  fs.rmSync(DIRECTORY, { recursive: true, force: true });
  fs.mkdirSync(DIRECTORY, { recursive: true });
  upstream = await startExampleUpstream({ secret, log: true });
  keysmith = await startBuiltServer({
    port: await freePort(),
    databaseFile: DATABASE_FILE,
    env: {
      SEED_DEMO_DATA: "false",
      KEYSMITH_CATALOG: "examples/upstream/catalog.json",
      UPSTREAM_URL: upstream.origin,
      UPSTREAM_PATH_PREFIX: "/v2",
      UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
      UPSTREAM_SECRET: secret,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  keysmith.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    serverOutput += chunk;
  });
  keys.profiles = fillKeys(DATABASE_FILE, 1, PROFILES_SCOPES);
  keys.constantOnly = fillKeys(DATABASE_FILE, 2, ["constant:read"]);
  keys.revoked = fillKeys(DATABASE_FILE, 3, ["profiles:read"]);
  withDatabase((db) => db.prepare(`UPDATE "ApiKey" SET "revokedAt" = ? WHERE "id" = 'load2'`).run(new Date().toISOString()));
});

test.afterAll(async () => {
  await keysmith?.stop();
  await upstream?.stop();
  await test.info().attach("gateway server stderr", { body: serverOutput, contentType: "text/plain" });
});

function withDatabase<T>(work: (db: Database.Database) => T): T {
  const db = new Database(DATABASE_FILE, { fileMustExist: true, timeout: 5000 });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const call = (path: string, key: string, init: RequestInit = {}) =>
  fetch(`${keysmith.base}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });

/**
 * One GET with node:http: its target exactly as given (fetch would resolve dot segments first) and
 * any header (fetch refuses to send Connection).
 */
function rawCall(
  target: string,
  key: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(keysmith.base);
    const request = http.get(
      { hostname, port, path: target, headers: { ...headers, authorization: `Bearer ${key}` } },
      async (response) => {
        let body = "";
        for await (const chunk of response) body += chunk;
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      },
    );
    request.on("error", reject);
  });
}

let barriers = 0;
/**
 * Whether the upstream saw a request whose path holds `marker`. First an allowed request goes
 * through and is waited for: the upstream logs each request as it arrives, so once this one's line is
 * in, the line of any request sent before it would be too.
 */
async function upstreamSaw(marker: string): Promise<boolean> {
  const barrier = `barrier-${++barriers}`;
  expect((await call(`/api/v1/profiles?${barrier}`, keys.profiles)).status).toBe(200);
  await expect.poll(() => upstream.seen.some((line) => line.path.includes(barrier))).toBe(true);
  return upstream.seen.some((line) => line.path.includes(marker));
}

type UsageRow = { status: number; decision: string; latencyMs: number; upstreamStatus: number | null; upstreamMs: number | null };
/** The usage row of a request, once the recorder wrote it (batches go out every 250 ms). */
async function usageRow(requestId: string): Promise<UsageRow> {
  const read = () =>
    withDatabase(
      (db) =>
        db
          .prepare(`SELECT "status", "decision", "latencyMs", "upstreamStatus", "upstreamMs" FROM "ApiRequest" WHERE "id" = ?`)
          .get(requestId) as UsageRow | undefined,
    );
  await expect.poll(() => read() !== undefined).toBe(true);
  return read()!;
}

const rssGrowth = (work: () => Promise<void>) => peakMemoryGrowth(keysmith.child.pid!, work);

test("an allowed request reaches the upstream, signed, with who called and without the caller's credentials", async () => {
  const response = await rawCall("/api/v1/profiles?limit=2", keys.profiles, {
    cookie: "session=abc",
    // What a caller must not be able to tell the upstream, nor pass through.
    [IDENTITY_HEADERS.keyId]: "key_forged",
    "request-id": "forged",
    "x-forwarded-for": "203.0.113.9",
    "proxy-authorization": "Basic Zm9vOmJhcg==",
    connection: "keep-alive, x-hop",
    "x-hop": "1",
    "x-end-to-end": "kept",
  });
  expect(response.status).toBe(200);
  const requestId = String(response.headers["request-id"]);
  expect(requestId).toMatch(/^[0-9a-z]{9}[0-9a-f]{16}$/);
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  const body = JSON.parse(response.body);
  expect(body.profiles).toHaveLength(2);
  const { received } = body;
  expect(received.keysmith).toEqual({
    [IDENTITY_HEADERS.keyId]: "load0",
    [IDENTITY_HEADERS.workspaceId]: "load-test",
    [IDENTITY_HEADERS.scopes]: PROFILES_SCOPES.join(" "),
    [SIGNATURE_HEADER]: expect.stringMatching(/^t=\d+,v1=[0-9a-f]{64}$/),
  });
  expect(received.requestId).toBe(requestId);
  expect(received.authorization).toBe(false);
  expect(received.cookie).toBe(false);
  // The address Keysmith decided (the socket's: this server trusts no proxy), not the caller's claim.
  expect(received.forwardedFor).toBe("127.0.0.1");
  // Connection named x-hop: hop-by-hop, dropped; the upstream's Connection is the gateway's own pool's.
  expect(received.headerNames).toContain("x-end-to-end");
  expect(received.headerNames).toContain("x-forwarded-proto");
  for (const name of ["proxy-authorization", "x-hop", "authorization", "cookie"]) expect(received.headerNames).not.toContain(name);

  const verdict = verifyUpstreamSignature({
    secret,
    header: received.keysmith[SIGNATURE_HEADER],
    method: "GET",
    path: "/v2/profiles?limit=2",
    keyId: "load0",
    workspaceId: "load-test",
    scopes: PROFILES_SCOPES.join(" "),
    requestId,
  });
  expect(verdict).toEqual({ ok: true });
});

test("an item and a create reach the upstream's routes under the prefix", async () => {
  const item = await call("/api/v1/profiles/prof_1", keys.profiles);
  expect(item.status).toBe(200);
  expect(await item.json()).toMatchObject({ profile: { id: "prof_1", name: "Ada" } });
  const missing = await call("/api/v1/profiles/prof_9", keys.profiles);
  // The upstream's own 404 comes back as it is.
  expect(missing.status).toBe(404);
  expect(await missing.json()).toEqual({ error: "not_found" });
  const created = await call("/api/v1/profiles", keys.profiles, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Hedy" }),
  });
  expect(created.status).toBe(201);
  expect(await created.json()).toMatchObject({ created: { bytes: 15 } });
});

test("a key without the scope is refused with a 403 and the upstream never sees the request", async () => {
  const response = await call("/api/v1/profiles/scope-probe", keys.constantOnly);
  expect(response.status).toBe(403);
  expect((await response.json()).errors[0]).toMatchObject({ code: "permission_denied", id: response.headers.get("request-id") });
  expect(await upstreamSaw("scope-probe")).toBe(false);
});

test("a revoked key is refused with a 401 and the upstream never sees the request", async () => {
  const response = await call("/api/v1/profiles/revoked-probe", keys.revoked);
  expect(response.status).toBe(401);
  expect((await response.json()).errors[0]).toMatchObject({ code: "not_authenticated", detail: "This key was revoked." });
  expect(await upstreamSaw("revoked-probe")).toBe(false);
});

test("a path that matches no catalog route is a 404 and the upstream never sees it", async () => {
  const response = await call("/api/v1/unlisted-probe", keys.profiles);
  expect(response.status).toBe(404);
  expect((await response.json()).errors[0]).toMatchObject({ code: "not_found" });
  // A method the route does not list: 405, not forwarded either.
  const method = await call("/api/v1/profiles/method-probe", keys.profiles, { method: "PUT" });
  expect(method.status).toBe(405);
  expect(await upstreamSaw("unlisted-probe")).toBe(false);
  expect(await upstreamSaw("method-probe")).toBe(false);
});

test("a path that could mean another one upstream (dot segments, encoded slashes) is refused, not forwarded", async () => {
  for (const target of [
    "/api/v1/profiles/%2e%2e?dot-probe",
    "/api/v1/profiles/..%2Fadmin?slash-probe",
    "/api/v1/profiles/a%5cb?backslash-probe",
  ]) {
    const response = await rawCall(target, keys.profiles);
    expect(response.status, target).toBe(404);
    expect(JSON.parse(response.body).errors[0].code).toBe("not_found");
  }
  expect(await upstreamSaw("-probe")).toBe(false);
});

test("the Keysmith headers of a forwarded request verify at the upstream, and fail once one is changed", async () => {
  const response = await call("/api/v1/profiles/prof_2", keys.profiles);
  const { received } = await response.json();
  const forwarded = { ...received.keysmith, "request-id": received.requestId };
  const direct = (headers: Record<string, string>) => fetch(`${upstream.origin}/v2/profiles/prof_2`, { headers });
  // Sent again unchanged, straight to the upstream, it passes (within the tolerance: see docs/gateway.md, "Replays")...
  expect((await direct(forwarded)).status).toBe(200);
  // ...but with wider scopes, another key or another Request-Id it does not.
  for (const [name, value] of [
    [IDENTITY_HEADERS.scopes, `${PROFILES_SCOPES.join(" ")} admin:write`],
    [IDENTITY_HEADERS.keyId, "load1"],
    ["request-id", "mhz3k2a1b0000000000000000"],
  ]) {
    const altered = await direct({ ...forwarded, [name!]: value! });
    expect(altered.status, name).toBe(401);
    expect(await altered.json()).toEqual({ error: "invalid_signature", reason: "mismatch" });
  }
});

test("usage records the upstream's status and time beside Keysmith's own", async () => {
  const response = await call(`/api/v1/slow?ms=${SLOW_MS}`, keys.profiles);
  expect(response.status).toBe(200);
  const row = await usageRow(response.headers.get("request-id")!);
  expect(row).toMatchObject({ status: 200, decision: "allowed", upstreamStatus: 200 });
  // The upstream waited before its headers: that is its time, and Keysmith's own leaves it out.
  expect(row.upstreamMs).toBeGreaterThanOrEqual(SLOW_MS);
  expect(row.latencyMs).toBeGreaterThanOrEqual(0);
  expect(row.latencyMs).toBeLessThan(SLOW_MS);
  const refused = await call("/api/v1/profiles/usage-probe", keys.constantOnly);
  expect(await usageRow(refused.headers.get("request-id")!)).toMatchObject({ status: 403, upstreamStatus: null, upstreamMs: null });
});

test("an upstream slower than UPSTREAM_TIMEOUT_MS is a 504 upstream_timeout in the error shape", async () => {
  const response = await call(`/api/v1/slow?ms=${TIMEOUT_MS * 3}`, keys.profiles);
  expect(response.status).toBe(504);
  const requestId = response.headers.get("request-id");
  expect((await response.json()).errors).toEqual([
    expect.objectContaining({ id: requestId, status: "504", code: "upstream_timeout", title: "Upstream timeout" }),
  ]);
  expect(await usageRow(requestId!)).toMatchObject({ status: 504, upstreamStatus: null });
});

test("a 50 MB download streams through without the gateway holding it", async () => {
  let download = { status: 0, contentLength: null as string | null, bytes: 0 };
  const growth = await rssGrowth(async () => {
    download = await streamDownload(`${keysmith.base}/api/v1/large?bytes=${LARGE}`, { authorization: `Bearer ${keys.profiles}` });
  });
  expect(download).toEqual({ status: 200, contentLength: String(LARGE), bytes: LARGE });
  expect(growth).toBeLessThan(MAX_RSS_GROWTH);
});

test("a 50 MB upload streams through without the gateway holding it", async () => {
  let upload = { status: 0, body: "" };
  const growth = await rssGrowth(async () => {
    upload = await streamUpload(`${keysmith.base}/api/v1/upload`, { authorization: `Bearer ${keys.profiles}` }, LARGE);
  });
  expect(upload.status).toBe(200);
  expect(JSON.parse(upload.body)).toMatchObject({ bytes: LARGE, received: { authorization: false } });
  expect(growth).toBeLessThan(MAX_RSS_GROWTH);
});

test("a wrong gateway setting stops the start with a message naming it", async () => {
  const databaseFile = `${DIRECTORY}/refused.db`;
  const start = spawnSync(process.execPath, ["dist/server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${databaseFile}`,
      UPSTREAM_URL: "http://user:pass@127.0.0.1:1",
      UPSTREAM_SECRET: "short",
    },
    encoding: "utf8",
    timeout: 20_000,
  });
  expect(start.status).toBe(1);
  expect(start.stderr).toContain("UPSTREAM_URL must not hold a user name or password.");
  expect(start.stderr).toContain("UPSTREAM_SECRET must be at least 32 characters");
  // Stopped before the database was touched.
  expect(fs.existsSync(databaseFile)).toBe(false);
});

test("with the upstream down, a forwarded request is a 502 upstream_unavailable and Keysmith's own routes still answer", async () => {
  await upstream.stop();
  const response = await call("/api/v1/profiles", keys.profiles);
  expect(response.status).toBe(502);
  const requestId = response.headers.get("request-id");
  expect((await response.json()).errors).toEqual([
    expect.objectContaining({ id: requestId, status: "502", code: "upstream_unavailable", title: "Upstream unavailable" }),
  ]);
  expect(await usageRow(requestId!)).toMatchObject({ status: 502, decision: "allowed", upstreamStatus: null });
  // The fixed routes are Keysmith's own, whatever the upstream does.
  expect((await fetch(`${keysmith.base}/api/v1/health`)).status).toBe(200);
  expect((await call("/api/v1/key", keys.profiles)).status).toBe(200);
});
