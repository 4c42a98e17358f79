// The API's request edge (issue 11): security headers on every answer, HEAD wherever GET, limits on
// the shape of JSON bodies and stored records, keys in the URL refused and redacted, and the client
// address taken from the one function, whatever a client writes into X-Forwarded-For.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { serveApiForTests } from "@/lib/testing/api-server";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { usageRecorder } from "@/lib/usage/recorder";
import { sendInternalError } from "./handler";

const api = serveApiForTests();

type ErrorBody = { errors: { code: string; detail: string }[] };
const errorOf = async (response: Response) => ((await response.json()) as ErrorBody).errors[0]!;

function expectApiSecurityHeaders(response: Response, label: string) {
  expect(response.headers.get("x-content-type-options"), label).toBe("nosniff");
  expect(response.headers.get("content-security-policy"), label).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(response.headers.get("cache-control"), label).toBe("no-store");
  expect(response.headers.get("referrer-policy"), label).toBe("no-referrer");
}

/** Arrays nested `depth` deep: 2 bytes a level, so 30,000 levels stay under the 64 kB body limit. */
const nestedArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const recordBody = (attributes: string) => `{"data":{"attributes":{"deep":${attributes}}}}`;

describe("security headers on every API answer", () => {
  it("200, 201, 204, 401, 403, 404, 405, 413, 415 and 422 all carry them", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["profiles:write"] });
    const created = await api.request("/api/v1/profiles", { method: "POST", key: secret, body: { data: { attributes: {} } } });
    const { data } = (await created.clone().json()) as { data: { id: string } };
    const answers: [string, Response][] = [
      ["201", created],
      ["200", await api.request("/api/v1/profiles", { key: secret })],
      ["200 health", await api.request("/api/v1/health")],
      ["200 openapi", await api.request("/api/v1/openapi.json")],
      ["204", await api.request(`/api/v1/profiles/${data.id}`, { method: "DELETE", key: secret })],
      ["401", await api.request("/api/v1/profiles")],
      ["403", await api.request("/api/v1/lists", { key: secret })],
      ["404", await api.request("/api/v1/wallets", { key: secret })],
      ["405", await api.request("/api/v1/accounts", { method: "POST", key: secret, body: {} })],
      ["413", await api.request("/api/v1/profiles", { method: "POST", key: secret, body: "x".repeat(70_000) })],
      [
        "415",
        await api.request("/api/v1/profiles", { method: "POST", key: secret, body: "a=b", headers: { "content-type": "text/plain" } }),
      ],
      ["422", await api.request("/api/v1/profiles", { method: "POST", key: secret, body: "{oops" })],
    ];
    for (const [label, response] of answers) {
      expect(response.status, label).toBe(Number(label.slice(0, 3)));
      expectApiSecurityHeaders(response, label);
    }
  });

  it("the last-resort 500 carries them too", async () => {
    const server = http.createServer((_req, res) => sendInternalError(res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/key`);
      expect(response.status).toBe(500);
      expectApiSecurityHeaders(response, "500");
      expect((await errorOf(response)).code).toBe("internal");
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe("HEAD is answered wherever GET is", () => {
  it("with GET's status, headers and length, and no body, after the same checks", async () => {
    const { secret, workspace } = await workspaceWithKey({ scopes: ["lists:read"] });
    const record = await db.apiRecord.create({ data: { workspaceId: workspace.id, resource: "lists", attributes: '{"name":"VIP"}' } });
    for (const path of ["/api/v1/lists", `/api/v1/lists/${record.id}`, "/api/v1/key", "/api/v1/health", "/api/v1/openapi.json"]) {
      const get = await api.request(path, { key: secret });
      const head = await api.request(path, { method: "HEAD", key: secret });
      expect(head.status, path).toBe(200);
      expect(head.status, path).toBe(get.status);
      expect(await head.text(), path).toBe("");
      expect(head.headers.get("content-type"), path).toBe(get.headers.get("content-type"));
      expect(head.headers.get("content-length"), path).toBe(String(Buffer.byteLength(await get.text())));
      expectApiSecurityHeaders(head, `HEAD ${path}`);
    }
    // The same refusals as GET.
    expect((await api.request("/api/v1/lists", { method: "HEAD" })).status).toBe(401);
    expect((await api.request("/api/v1/profiles", { method: "HEAD", key: secret })).status).toBe(403);
    expect((await api.request("/api/v1/lists/missing-record", { method: "HEAD", key: secret })).status).toBe(404);
  });

  it("lists HEAD in Allow beside GET, and answers 405 (never 500) to OPTIONS and unknown methods", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["accounts:read", "lists:write"] });
    const readOnly = await api.request("/api/v1/accounts/abc", { method: "DELETE", key: secret });
    expect(readOnly.status).toBe(405);
    expect(readOnly.headers.get("allow")).toBe("GET, HEAD");
    const writeOnly = await api.request("/api/v1/data-privacy", { method: "HEAD", key: secret });
    expect(writeOnly.status).toBe(405);
    expect(writeOnly.headers.get("allow")).toBe("POST");
    expect((await api.request("/api/v1/key", { method: "POST", key: secret })).headers.get("allow")).toBe("GET, HEAD");
    for (const method of ["OPTIONS", "PUT", "PROPFIND"]) {
      const response = await api.request("/api/v1/lists", { method, key: secret });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow"), method).toBe("GET, HEAD, POST");
    }
  });
});

describe("limits on the shape of JSON bodies", () => {
  it.each([
    ["a body nested 30,000 deep", recordBody(nestedArrays(30_000)), "nested deeper than 32 levels"],
    ["a body nested 33 deep", recordBody(nestedArrays(30)), "nested deeper than 32 levels"],
    [
      "1,001 object members",
      `{"data":{"attributes":{${Array.from({ length: 1_001 }, (_, i) => `"k${i}":1`).join(",")}}}}`,
      "more than 1000 object members",
    ],
    ["an array of 1,001 items", recordBody(`[${Array(1_001).fill("0").join(",")}]`), "more than 1000 items"],
  ])("refuses %s with 422 invalid naming the limit, storing nothing", async (_label, body, detail) => {
    const { secret, workspace } = await workspaceWithKey({ scopes: ["profiles:write"] });
    for (const method of ["POST", "PATCH"] as const) {
      const path = method === "POST" ? "/api/v1/profiles" : "/api/v1/profiles/some-record";
      const response = await api.request(path, { method, key: secret, body });
      expect(response.status, method).toBe(422);
      const error = await errorOf(response);
      expect(error.code).toBe("invalid");
      expect(error.detail).toContain(detail);
    }
    expect(await db.apiRecord.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("accepts what is within the limits: 32 levels, 1,000 items, brackets and colons inside strings", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["profiles:write"] });
    for (const body of [
      recordBody(nestedArrays(29)),
      recordBody(`[${Array(1_000).fill("0").join(",")}]`),
      recordBody(JSON.stringify("[[[[{{{{:::,,,".repeat(200))),
      recordBody(JSON.stringify('\\"[[[[')),
    ]) {
      const response = await api.request("/api/v1/profiles", { method: "POST", key: secret, body });
      expect(response.status, body.slice(0, 60)).toBe(201);
    }
  });

  it("serves records stored deeply nested before the limits: lists, reads, and refuses only to merge", async () => {
    const { secret, workspace } = await workspaceWithKey({ scopes: ["profiles:write"] });
    const deep = (depth: number) => `{"deep":${nestedArrays(depth)}}`;
    const stored = await Promise.all(
      [deep(4_000), deep(4_000), deep(30_000), '{"plain":true}'].map((attributes) =>
        db.apiRecord.create({ data: { workspaceId: workspace.id, resource: "profiles", attributes } }),
      ),
    );
    const list = await api.request("/api/v1/profiles?limit=100", { key: secret });
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).toContain(nestedArrays(30_000));
    expect(text).toContain('{"plain":true}');
    for (const record of stored) {
      const one = await api.request(`/api/v1/profiles/${record.id}`, { key: secret });
      expect(one.status).toBe(200);
      expect(await one.text()).toContain(`"attributes":${record.attributes}`);
    }
    const tooDeep = await api.request(`/api/v1/profiles/${stored[2]!.id}`, {
      method: "PATCH",
      key: secret,
      body: { data: { attributes: { x: 1 } } },
    });
    expect(tooDeep.status).toBe(422);
    expect((await errorOf(tooDeep)).detail).toContain("nested too deeply");
    expect((await db.apiRecord.findUniqueOrThrow({ where: { id: stored[2]!.id } })).attributes).toBe(stored[2]!.attributes);
    const patched = await api.request(`/api/v1/profiles/${stored[3]!.id}`, {
      method: "PATCH",
      key: secret,
      body: { data: { attributes: { x: 1 } } },
    });
    expect(((await patched.json()) as { data: { attributes: unknown } }).data.attributes).toEqual({ plain: true, x: 1 });
  });
});

describe("a key in the URL", () => {
  const logged: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    logged.length = 0;
  });

  it("is refused with 401 wherever it sits, and only its redacted form is recorded or logged", async () => {
    for (const method of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    const { secret, key } = await workspaceWithKey({ scopes: ["profiles:read"] });
    // A different last character breaks the checksum: still most of a secret, refused all the same.
    const mistyped = `${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
    const encoded = [...secret].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("");
    const since = new Date();
    const anonymous = () => db.anonymousRefusalRollup.aggregate({ where: { ip: "127.0.0.1", decision: "invalid" }, _sum: { count: true } });
    await usageRecorder.flush();
    const before = (await anonymous())._sum.count ?? 0;
    const targets = [
      `/api/v1/profiles/${secret}`,
      `/api/v1/profiles/abc${secret}def`,
      `/api/v1/${secret}`,
      `/api/v1/profiles/${secret}/more`,
      `/api/v1/profiles/${encoded}`,
      `/api/v1/profiles/${encoded.replace(/%/g, "%25")}`,
      `/api/v1/profiles/x${encoded.replace(/%/g, "%2525")}`,
      `/api/v1/profiles?x=%20${secret}`,
      `/api/v1/profiles?x=+${secret}`,
      `/api/v1/profiles?q=abc${secret}def`,
      `/api/v1/profiles?${secret}`,
      `/api/v1/profiles?cursor=${encoded}`,
      `/api/v1/profiles?x=${encodeURIComponent(encodeURIComponent(` ${secret} `))}`,
      `/api/v1/key?limit=1&x=${mistyped}`,
      `/api/v1/health?x=${secret}`,
    ];
    for (const target of targets) {
      const response = await api.request(target, { key: secret });
      expect(response.status, target).toBe(401);
      const error = await errorOf(response);
      expect(error.code, target).toBe("not_authenticated");
      expect(error.detail, target).toContain("Keys in the URL are refused");
      expectApiSecurityHeaders(response, target);
    }
    await usageRecorder.flush();
    // Refused without a key, so counted per hour and address, with no path, rather than a row each.
    expect(await db.apiRequest.count({ where: { createdAt: { gte: since } } })).toBe(0);
    expect((await anonymous())._sum.count).toBe(before + targets.length);
    for (const secretPart of [secret, secret.slice(4, 30), mistyped.slice(4, 30), encoded.slice(12, 60)]) {
      expect(logged.join("\n")).not.toContain(secretPart);
    }
    // The key was never even looked up: its last use did not move.
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeNull();
  });

  it("leaves URLs without a key alone", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["profiles:read"] });
    for (const target of ["/api/v1/profiles?x=ksk_short", "/api/v1/profiles?x=%20%2B+", "/api/v1/profiles?x=ksk_%zz"]) {
      expect((await api.request(target, { key: secret })).status, target).toBe(200);
    }
  });
});

describe("the client address recorded for API requests", () => {
  const saved = process.env.TRUST_PROXY;
  afterEach(() => {
    if (saved === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = saved;
  });

  async function recordedAddress(trustProxy: string | undefined, forwardedFor: string | undefined) {
    if (trustProxy === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = trustProxy;
    const { secret, key } = await workspaceWithKey({ scopes: ["lists:read"] });
    const response = await api.request("/api/v1/lists", { key: secret, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} });
    expect(response.status).toBe(200);
    await usageRecorder.flush();
    const row = await db.apiRequest.findFirstOrThrow({ where: { keyId: key.id } });
    const { lastUsedIp } = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(lastUsedIp).toBe(row.ip);
    return row.ip;
  }

  it("is the socket's without a trusted proxy, whatever the client writes", async () => {
    expect(await recordedAddress(undefined, "6.6.6.6")).toBe("127.0.0.1");
    expect(await recordedAddress("false", "6.6.6.6, 198.51.100.7")).toBe("127.0.0.1");
  });

  it("behind trusted proxies, is the one they appended: a forged left-most entry changes nothing", async () => {
    expect(await recordedAddress("true", "6.6.6.6, 198.51.100.7")).toBe("198.51.100.7");
    expect(await recordedAddress("true", "1.2.3.4, 6.6.6.6, 198.51.100.7")).toBe("198.51.100.7");
    expect(await recordedAddress("2", "6.6.6.6, 198.51.100.7, 10.0.0.2")).toBe("198.51.100.7");
    expect(await recordedAddress("true", "6.6.6.6, garbage")).toBe("127.0.0.1");
  });
});
