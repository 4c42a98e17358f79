import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { revokeApiKey, rotateApiKey } from "@/lib/api-keys/lifecycle";
import { db } from "@/lib/db";
import { serveApiForTests } from "@/lib/testing/api-server";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { usageRecorder } from "@/lib/usage/recorder";
import { MAX_VERIFY_BODY_BYTES, VERIFY_PATH } from "./verify-contract";

const api = serveApiForTests();
const TOKEN = "service-token-0123456789abcdef0123456789abcdef";

const verify = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
  api.request(VERIFY_PATH, { method: "POST", body, headers });

async function answerOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("request-id")).toBeTruthy();
  return (await response.json()) as Record<string, unknown>;
}

async function errorOf(response: Response) {
  const body = (await response.json()) as { errors: { id: string; status: string; code: string; detail: string }[] };
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]!.id).toBe(response.headers.get("request-id"));
  expect(body.errors[0]!.status).toBe(String(response.status));
  return body.errors[0]!;
}

beforeEach(() => vi.stubEnv("KEYSMITH_SERVICE_TOKEN", TOKEN));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe("the switch and the service token", () => {
  it("answers 404 while KEYSMITH_SERVICE_TOKEN is not set", async () => {
    vi.stubEnv("KEYSMITH_SERVICE_TOKEN", "");
    const { secret } = await workspaceWithKey();
    const response = await verify({ key: secret, scope: "profiles:read" });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("not_found");
  });

  it.each([
    ["no token", {}],
    ["a wrong token", { authorization: `Bearer ${TOKEN}x` }],
    ["a prefix of the token", { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
    ["the token under another scheme", { authorization: `Basic ${TOKEN}` }],
    ["a valid API key instead of the token", "key"],
  ])("refuses %s with 401 and WWW-Authenticate: Bearer", async (_label, headers) => {
    const { secret } = await workspaceWithKey();
    const sent = headers === "key" ? { authorization: `Bearer ${secret}` } : (headers as Record<string, string>);
    const response = await verify({ key: secret, scope: "profiles:read" }, sent);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect((await errorOf(response)).code).toBe("not_authenticated");
  });

  it("answers POST only (405 with Allow)", async () => {
    const response = await api.request(VERIFY_PATH, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("refuses a key in the URL", async () => {
    const { secret } = await workspaceWithKey();
    const response = await api.request(`${VERIFY_PATH}?key=${secret}`, {
      method: "POST",
      body: { key: secret, scope: "profiles:read" },
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(401);
  });
});

describe("the body", () => {
  it("refuses a body over the limit with 413", async () => {
    const response = await verify({ key: "ksk_x", scope: "profiles:read", padding: "x".repeat(MAX_VERIFY_BODY_BYTES) });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("payload_too_large");
  });

  it("refuses a body that is not JSON (400) or not sent as JSON (415)", async () => {
    const response = await verify("{not json");
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("invalid");
    const typed = await api.request(VERIFY_PATH, {
      method: "POST",
      body: "key=x",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(typed.status).toBe(415);
  });

  it.each([
    ["neither scope nor route", { key: "ksk_x" }, "/scope"],
    ["both scope and route", { key: "ksk_x", scope: "profiles:read", method: "GET", path: "/profiles" }, "/scope"],
    ["a method without a path", { key: "ksk_x", method: "GET" }, "/path"],
    ["a path without a method", { key: "ksk_x", path: "/profiles" }, "/method"],
    ["no key", { scope: "profiles:read" }, "/key"],
    ["a key far too long", { key: "k".repeat(1000), scope: "profiles:read" }, "/key"],
    ["a scope of no level", { key: "ksk_x", scope: "profiles:admin" }, "/scope"],
    ["an address that is none", { key: "ksk_x", scope: "profiles:read", ip: "203.0.113" }, "/ip"],
    ["an unknown member", { key: "ksk_x", scope: "profiles:read", extra: true }, "/"],
    ["an array", [], "/"],
  ])("refuses %s with 422 naming the field", async (_label, body, pointer) => {
    const response = await verify(body);
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid");
    if (pointer !== "/") expect(error.detail.startsWith(pointer)).toBe(true);
  });

  it("refuses a path that reaches no route of the catalog with 422 naming it, a key in it redacted", async () => {
    const { secret } = await workspaceWithKey();
    for (const [method, path] of [
      ["GET", "/v2/nothing/42"],
      ["GET", "/profiles/42/extra"],
      ["PUT", "/profiles/42"],
      ["GET", "/api/v1/key"],
    ]) {
      const response = await verify({ key: secret, method, path });
      expect(response.status, `${method} ${path}`).toBe(422);
      expect((await errorOf(response)).detail).toContain(`${method} ${path}`);
    }
    const leaked = await errorOf(await verify({ key: secret, method: "GET", path: `/v2/${secret}` }));
    expect(leaked.detail).not.toContain(secret);
  });
});

describe("the verdicts", () => {
  it("is valid for a key holding the scope, or write for read, and names the key, its workspace and scopes", async () => {
    const { key, secret, workspace } = await workspaceWithKey({ scopes: ["profiles:read", "lists:write"] });
    for (const scope of ["profiles:read", "lists:read", "lists:write"]) {
      expect(await answerOf(await verify({ key: secret, scope }))).toEqual({
        valid: true,
        keyId: key.id,
        workspaceId: workspace.id,
        scopes: ["lists:write", "profiles:read"].filter((s) => key.scopes.includes(s)),
        expiresAt: null,
      });
    }
  });

  it("resolves method and path with or without /api/v1 or a version segment", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["profiles:read", "lists:write"] });
    for (const [method, path, valid] of [
      ["GET", "/v2/profiles/42", true],
      ["GET", "/api/v1/profiles?limit=5", true],
      ["get", "/profiles/", true],
      ["HEAD", "/profiles", true],
      ["POST", "/v1/lists", true],
      ["DELETE", "/lists/7", true],
      ["POST", "/v2/profiles", false],
      ["PATCH", "/api/v1/profiles/42", false],
    ] as const) {
      const answer = await answerOf(await verify({ key: secret, method, path }));
      expect(answer.valid, `${method} ${path}`).toBe(valid);
      if (!valid) expect(answer).toEqual({ valid: false, code: "missing_scope", requiredScope: "profiles:write" });
    }
  });

  it("answers missing_scope naming the scope needed", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["profiles:read"] });
    expect(await answerOf(await verify({ key: secret, scope: "lists:read" }))).toEqual({
      valid: false,
      code: "missing_scope",
      requiredScope: "lists:read",
    });
  });

  it("answers unknown for a key not stored, mistyped or not shaped like one", async () => {
    const { secret } = await workspaceWithKey();
    const typo = `${secret.slice(0, 10)}${secret[10] === "a" ? "b" : "a"}${secret.slice(11)}`;
    const { key: other, secret: deleted } = await workspaceWithKey();
    await db.apiKey.delete({ where: { id: other.id } });
    for (const candidate of [typo, deleted, "ksk_short", "", "not a key"]) {
      expect(await answerOf(await verify({ key: candidate, scope: "profiles:read" }))).toEqual({
        valid: false,
        code: "unknown",
        requiredScope: "profiles:read",
      });
    }
  });

  it("answers revoked for a revoked key, at once", async () => {
    const { change, key, secret } = await workspaceWithKey();
    expect((await answerOf(await verify({ key: secret, scope: "profiles:read" }))).valid).toBe(true);
    await revokeApiKey(change, key.id, "leaked");
    expect((await answerOf(await verify({ key: secret, scope: "profiles:read" }))).code).toBe("revoked");
  });

  it("answers expired for an expired key", async () => {
    const { key, secret } = await workspaceWithKey();
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await answerOf(await verify({ key: secret, scope: "profiles:read" }))).code).toBe("expired");
  });

  it("is valid for a rotated key in its grace (naming its end), expired after it; the new key stays valid", async () => {
    const { change, key, secret } = await workspaceWithKey({ scopes: ["profiles:read"] });
    const { secret: replacement } = await rotateApiKey(change, key.id, "1h");
    const inGrace = await answerOf(await verify({ key: secret, scope: "profiles:read" }));
    expect(inGrace).toMatchObject({ valid: true, keyId: key.id, expiresAt: expect.any(String) });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60 * 60 * 1000 + 1000);
    expect((await answerOf(await verify({ key: secret, scope: "profiles:read" }))).code).toBe("expired");
    expect((await answerOf(await verify({ key: replacement, scope: "profiles:read" }))).valid).toBe(true);
  });

  it("judges an allow-listed key by the end client's address; without one it answers ip_not_allowed", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["profiles:read"], ipAllowList: "203.0.113.0/24\n2001:db8::/32" });
    for (const [ip, valid] of [
      ["203.0.113.5", true],
      ["2001:db8::1", true],
      ["::ffff:203.0.113.9", true],
      ["198.51.100.1", false],
      [undefined, false],
    ] as const) {
      const answer = await answerOf(await verify({ key: secret, scope: "profiles:read", ip }));
      expect(answer.valid, String(ip)).toBe(valid);
      if (!valid) expect(answer.code).toBe("ip_not_allowed");
    }
    // A key without a list is valid from anywhere, named or not.
    const { secret: open } = await workspaceWithKey({ scopes: ["profiles:read"] });
    expect((await answerOf(await verify({ key: open, scope: "profiles:read" }))).valid).toBe(true);
  });

  it("names each key's own workspace, so a service serving one workspace can refuse another's keys", async () => {
    const acme = await workspaceWithKey({ scopes: ["profiles:read"] });
    const globex = await workspaceWithKey({ scopes: ["profiles:read"] });
    const forAcme = await answerOf(await verify({ key: acme.secret, scope: "profiles:read" }));
    const forGlobex = await answerOf(await verify({ key: globex.secret, scope: "profiles:read" }));
    expect(forAcme.workspaceId).toBe(acme.workspace.id);
    expect(forGlobex.workspaceId).toBe(globex.workspace.id);
    expect(forGlobex.keyId).toBe(globex.key.id);
  });
});

describe("usage", () => {
  it("records each call like an API request: the key, the decision, the scope asked, never the key's secret; a wrong token is counted, not a row", async () => {
    const { key, secret, workspace } = await workspaceWithKey({ scopes: ["profiles:read"], ipAllowList: "203.0.113.0/24" });
    const calls = [
      await verify({ key: secret, scope: "profiles:read", ip: "203.0.113.5" }),
      await verify({ key: secret, method: "POST", path: "/v2/lists", ip: "203.0.113.5" }),
      await verify({ key: secret, scope: "profiles:read" }),
      await verify({ key: secret, scope: "profiles:read" }, { authorization: "Bearer wrong" }),
      await verify({ key: secret, method: "GET", path: "/nothing" }),
    ];
    const ids = calls.map((response) => response.headers.get("request-id")!);
    await usageRecorder.flush();
    const rows = await db.apiRequest.findMany({ where: { id: { in: ids } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    // The wrong service token is a refusal without a key: counted per hour and address (lib/usage/rows.ts).
    expect(byId.has(ids[3]!)).toBe(false);
    const recorded = [0, 1, 2, 4].map((i) => byId.get(ids[i]!)!);
    expect(recorded.map((row) => [row.decision, row.status, row.requiredScope, row.resource])).toEqual([
      ["allowed", 200, "profiles:read", "profiles"],
      ["missing_scope", 200, "lists:write", "lists"],
      ["ip_not_allowed", 200, "profiles:read", "profiles"],
      ["bad_request", 422, null, null],
    ]);
    for (const row of recorded) {
      expect(row.path).toBe(VERIFY_PATH);
      expect(row.method).toBe("POST");
      expect(JSON.stringify(row)).not.toContain(secret);
    }
    expect(recorded.slice(0, 3).map((row) => [row.keyId, row.workspaceId])).toEqual(Array(3).fill([key.id, workspace.id]));
    // The end client's address when the body names it, else the calling service's.
    expect(recorded.map((row) => row.ip)).toEqual(["203.0.113.5", "203.0.113.5", "127.0.0.1", "127.0.0.1"]);
    expect(recorded[3]!.field).toBe("/path");
  });
});
