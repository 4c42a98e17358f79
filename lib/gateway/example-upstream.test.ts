// The example upstream (examples/upstream/server.mjs), run as users run it: it answers what the
// library signs, refuses anything else with a 401, and streams bodies both ways without holding them.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADERS, SIGNATURE_HEADER, type SignedRequest, signUpstreamRequest } from "./signature";

const SERVER = path.join(import.meta.dirname, "../../examples/upstream/server.mjs");
const SECRET = "example-upstream-secret-0123456789";
const PREVIOUS = "example-upstream-previous-secret";
const IDENTITY = { keyId: "key_42", workspaceId: "ws_42", scopes: "profiles:write lists:read" };

let child: ChildProcess;
let origin: string;

beforeAll(async () => {
  child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", UPSTREAM_SECRET: SECRET, UPSTREAM_SECRET_PREVIOUS: PREVIOUS },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  origin = line.toString().match(/http:\/\/[\d.]+:\d+/)![0];
});

afterAll(async () => {
  child.kill("SIGTERM");
  if (child.exitCode === null) await once(child, "exit");
});

let sequence = 0;
/** Headers the gateway would send for `method path`, signed now (or at `timestamp`) under `secret`. */
function gatewayHeaders(method: string, target: string, options: { secret?: string | string[]; timestamp?: number } = {}) {
  const requestId = `mhz3k2a1b${(++sequence).toString(16).padStart(16, "0")}`;
  const request: SignedRequest = { method, path: target, requestId, ...IDENTITY };
  return {
    [IDENTITY_HEADERS.keyId]: IDENTITY.keyId,
    [IDENTITY_HEADERS.workspaceId]: IDENTITY.workspaceId,
    [IDENTITY_HEADERS.scopes]: IDENTITY.scopes,
    "request-id": requestId,
    [SIGNATURE_HEADER]: signUpstreamRequest({ ...request, secret: options.secret ?? SECRET, timestamp: options.timestamp }),
  };
}

const get = (target: string, headers: Record<string, string>) => fetch(`${origin}${target}`, { headers });

describe("the example upstream", () => {
  it("answers a signed request and echoes what Keysmith told it, and that no Authorization came", async () => {
    const headers = gatewayHeaders("GET", "/v2/profiles?limit=2");
    const response = await get("/v2/profiles?limit=2", headers);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.profiles).toHaveLength(2);
    expect(body.received).toEqual({
      keysmith: {
        "keysmith-key-id": "key_42",
        "keysmith-workspace-id": "ws_42",
        "keysmith-scopes": "profiles:write lists:read",
        "keysmith-signature": headers["keysmith-signature"],
      },
      requestId: headers["request-id"],
      authorization: false,
      cookie: false,
      forwardedFor: null,
      headerNames: expect.arrayContaining(["keysmith-signature", "request-id"]),
    });
  });

  it("says so when an Authorization header or a cookie does reach it", async () => {
    const response = await get("/v2/profiles/prof_1", {
      ...gatewayHeaders("GET", "/v2/profiles/prof_1"),
      authorization: "Bearer x",
      cookie: "a=b",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ profile: { id: "prof_1" }, received: { authorization: true, cookie: true } });
  });

  it("accepts a request signed under the previous secret while the secret rotates", async () => {
    expect((await get("/v2/constant", gatewayHeaders("GET", "/v2/constant", { secret: PREVIOUS }))).status).toBe(200);
    expect((await get("/v2/constant", gatewayHeaders("GET", "/v2/constant", { secret: [SECRET, PREVIOUS] }))).status).toBe(200);
  });

  it.each<[string, () => [string, Record<string, string>], string]>([
    ["no signature", () => ["/v2/constant", {}], "missing"],
    ["a signature for another path", () => ["/v2/profiles/prof_2", gatewayHeaders("GET", "/v2/profiles/prof_1")], "mismatch"],
    ["a signature for another query", () => ["/v2/profiles?limit=3", gatewayHeaders("GET", "/v2/profiles?limit=2")], "mismatch"],
    ["a signature for another method", () => ["/v2/constant", gatewayHeaders("DELETE", "/v2/constant")], "mismatch"],
    ["another key id", () => ["/v2/constant", { ...gatewayHeaders("GET", "/v2/constant"), "keysmith-key-id": "key_43" }], "mismatch"],
    [
      "wider scopes",
      () => ["/v2/constant", { ...gatewayHeaders("GET", "/v2/constant"), "keysmith-scopes": "profiles:write lists:write" }],
      "mismatch",
    ],
    ["another secret", () => ["/v2/constant", gatewayHeaders("GET", "/v2/constant", { secret: "someone-else" })], "mismatch"],
    [
      "a stale signature",
      () => ["/v2/constant", gatewayHeaders("GET", "/v2/constant", { timestamp: Math.floor(Date.now() / 1000) - 301 })],
      "expired",
    ],
    [
      "a garbled signature",
      () => ["/v2/constant", { ...gatewayHeaders("GET", "/v2/constant"), "keysmith-signature": "t=now" }],
      "malformed",
    ],
  ])("refuses %s with a 401 that says why", async (_, make, reason) => {
    const [target, headers] = make();
    const response = await get(target, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ error: "invalid_signature", reason });
  });

  it("counts a 10 MB upload as it streams", async () => {
    const chunk = Buffer.alloc(64 * 1024, 1);
    const total = 10 * 1024 * 1024;
    const request = http.request(`${origin}/v2/upload`, { method: "POST", headers: gatewayHeaders("POST", "/v2/upload") });
    for (let sent = 0; sent < total; sent += chunk.length) if (!request.write(chunk)) await once(request, "drain");
    request.end();
    const [response] = (await once(request, "response")) as [http.IncomingMessage];
    let text = "";
    for await (const part of response) text += part;
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ bytes: total, received: { requestId: expect.any(String) } });
  });

  it("streams the bytes asked for, and refuses a size out of range", async () => {
    const response = await get("/v2/large?bytes=200000", gatewayHeaders("GET", "/v2/large?bytes=200000"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe("200000");
    expect((await response.arrayBuffer()).byteLength).toBe(200_000);
    expect((await get("/v2/large?bytes=-1", gatewayHeaders("GET", "/v2/large?bytes=-1"))).status).toBe(400);
  });

  it("goes on serving after a client drops a download halfway", async () => {
    const target = "/v2/large?bytes=100000000";
    const request = http.get(`${origin}${target}`, { headers: gatewayHeaders("GET", target) });
    const [response] = (await once(request, "response")) as [http.IncomingMessage];
    await once(response, "data");
    request.destroy();
    expect((await get("/v2/constant", gatewayHeaders("GET", "/v2/constant"))).status).toBe(200);
  });

  it("tells the size of a created profile, and refuses one over 1 MiB", async () => {
    const post = (body: string) =>
      fetch(`${origin}/v2/profiles`, {
        method: "POST",
        body,
        headers: { ...gatewayHeaders("POST", "/v2/profiles"), "content-type": "application/json" },
      });
    const created = await post(JSON.stringify({ name: "Ada" }));
    expect(created.status).toBe(201);
    expect((await created.json()).created).toEqual({ bytes: 14 });
    expect((await post("x".repeat(1024 * 1024 + 1))).status).toBe(413);
  });

  it("waits as long as asked, answers a constant, and 404s anything else", async () => {
    const slow = await get("/v2/slow?ms=50", gatewayHeaders("GET", "/v2/slow?ms=50"));
    expect(await slow.json()).toMatchObject({ waitedMs: 50 });
    expect((await get("/v2/slow?ms=31000", gatewayHeaders("GET", "/v2/slow?ms=31000"))).status).toBe(400);
    const constant = await get("/v2/constant", gatewayHeaders("GET", "/v2/constant"));
    expect(await constant.text()).toBe('{"ok":true}');
    expect((await get("/v2/profiles/nobody", gatewayHeaders("GET", "/v2/profiles/nobody"))).status).toBe(404);
    expect((await get("/v3", gatewayHeaders("GET", "/v3"))).status).toBe(404);
  });

  it("does not start without UPSTREAM_SECRET", () => {
    const run = spawnSync(process.execPath, [SERVER], { env: { ...process.env, PORT: "0", UPSTREAM_SECRET: "" }, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/UPSTREAM_SECRET is not set/);
  });
});
