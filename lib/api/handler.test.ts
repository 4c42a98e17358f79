import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiKey, revokeApiKey, rotateApiKey, updateApiKey } from "@/lib/api-keys/lifecycle";
import { db } from "@/lib/db";
import { serveApiForTests } from "@/lib/testing/api-server";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { changeBy, createWorkspace } from "@/lib/testing/factories";
import { keyInput, workspaceWithKey } from "@/lib/testing/key-fixtures";
import { usageRecorder } from "@/lib/usage/recorder";

const api = serveApiForTests();

async function errorOf(response: Response) {
  const body = (await response.json()) as { errors: { status: string; code: string; detail: string; id: string; title: string }[] };
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]).toMatchObject({ status: String(response.status), id: expect.any(String), title: expect.any(String) });
  return body.errors[0]!;
}

afterEach(() => vi.useRealTimers());

describe("the scope x method matrix, for every catalog resource", () => {
  it("answers exactly what each key's scopes allow", async () => {
    const ws = await createWorkspace(["OWNER"]);
    const change = changeBy(ws.workspace.id, ws.member("OWNER"));
    const tagsReader = await createApiKey(change, keyInput({ scopes: ["tags:read"] }));
    const listsReader = await createApiKey(change, keyInput({ scopes: ["lists:read"] }));
    for (const resource of defaultCatalog().resources) {
      // A valid key whose only scope is on another resource.
      const unrelated = resource.id === "tags" ? listsReader : tagsReader;
      const reader = resource.levels.includes("read") ? await createApiKey(change, keyInput({ scopes: [`${resource.id}:read`] })) : null;
      const writer = resource.levels.includes("write") ? await createApiKey(change, keyInput({ scopes: [`${resource.id}:write`] })) : null;
      const seeded = await db.apiRecord.create({ data: { workspaceId: ws.workspace.id, resource: resource.id, attributes: "{}" } });
      const collection = `/api/v1/${resource.id}`;
      const item = `${collection}/${seeded.id}`;
      const body = { data: { attributes: { name: "x" } } };
      const cases = [
        { method: "GET", path: collection, level: "read", okStatus: 200 },
        { method: "GET", path: item, level: "read", okStatus: 200 },
        { method: "POST", path: collection, level: "write", okStatus: 201 },
        { method: "PATCH", path: item, level: "write", okStatus: 200 },
        { method: "DELETE", path: item, level: "write", okStatus: 204 },
      ] as const;
      for (const c of cases) {
        const offered = resource.levels.includes(c.level);
        const send = (key: string) =>
          api.request(c.path, { method: c.method, key, body: c.method === "POST" || c.method === "PATCH" ? body : undefined });
        if (!offered) {
          const response = await send(unrelated.secret);
          expect(response.status, `${c.method} ${c.path}`).toBe(405);
          expect(response.headers.get("allow")).toBeTruthy();
          continue;
        }
        const denied = await send(unrelated.secret);
        expect(denied.status, `${c.method} ${c.path} without scope`).toBe(403);
        expect((await errorOf(denied)).detail).toBe(`This key lacks the ${resource.id}:${c.level} scope.`);
        if (c.level === "write" && reader) {
          const readOnly = await send(reader.secret);
          expect(readOnly.status, `${c.method} ${c.path} with read`).toBe(403);
          expect((await errorOf(readOnly)).code).toBe("permission_denied");
        }
        const holder = c.level === "read" ? (reader ?? writer)! : writer!;
        expect((await send(holder.secret)).status, `${c.method} ${c.path} with ${c.level}`).toBe(c.okStatus);
        if (c.level === "read" && writer) expect((await send(writer.secret)).status, "write implies read").toBe(c.okStatus);
      }
    }
  });
});

describe("authentication", () => {
  it.each([
    ["no header", {}, "Send your key in the Authorization header"],
    ["a malformed key", { authorization: "Bearer ksk_short" }, "well-formed"],
    ["a typo in a real key (checksum)", "typo", "well-formed"],
    ["another scheme", { authorization: "Basic dXNlcjpwYXNz" }, "well-formed"],
    ["an unknown well-formed key", "unknown", "This key is not valid."],
  ])("refuses %s with 401 not_authenticated", async (_label, header, detail) => {
    const { secret } = await workspaceWithKey();
    const headers =
      header === "typo"
        ? { authorization: `Bearer ${secret.slice(0, 10)}${secret[10] === "a" ? "b" : "a"}${secret.slice(11)}` }
        : header === "unknown"
          ? { authorization: `Bearer ${(await workspaceWithKey()).secret}`.replace(/.$/, "") }
          : (header as Record<string, string>);
    const response = await api.request("/api/v1/key", { headers });
    expect(response.status).toBe(401);
    const error = await errorOf(response);
    expect(error.code).toBe("not_authenticated");
    if (header !== "unknown") expect(error.detail).toContain(detail);
  });

  it("refuses a deleted key's exact secret as not valid", async () => {
    const { change, key, secret } = await workspaceWithKey();
    await revokeApiKey(change, key.id, "");
    await db.apiKey.delete({ where: { id: key.id } });
    expect((await errorOf(await api.request("/api/v1/key", { key: secret }))).detail).toBe("This key is not valid.");
  });

  it("refuses a key in the query string, even a valid one", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["lists:read"] });
    for (const query of [`api_key=${secret}`, `token=${secret}`, `q=${secret}`]) {
      const response = await api.request(`/api/v1/lists?${query}`);
      expect(response.status).toBe(401);
      expect((await errorOf(response)).detail).toContain("Keys in the URL are refused");
    }
  });

  it("refuses a revoked key on the very next request", async () => {
    const { change, key, secret } = await workspaceWithKey();
    expect((await api.request("/api/v1/key", { key: secret })).status).toBe(200);
    await revokeApiKey(change, key.id, "leaked");
    const response = await api.request("/api/v1/key", { key: secret });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).detail).toBe("This key was revoked.");
  });

  it("refuses an expired key", async () => {
    const { key, secret } = await workspaceWithKey();
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await errorOf(await api.request("/api/v1/key", { key: secret }))).detail).toBe("This key has expired.");
  });

  it("accepts a rotated key until its grace ends, then refuses it; the new key works", async () => {
    const { change, key, secret } = await workspaceWithKey({ scopes: ["lists:read"] });
    const { secret: replacement } = await rotateApiKey(change, key.id, "1h");
    expect((await api.request("/api/v1/lists", { key: secret })).status).toBe(200);
    expect((await api.request("/api/v1/lists", { key: replacement })).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60 * 60 * 1000 + 1000);
    const after = await api.request("/api/v1/lists", { key: secret });
    expect(after.status).toBe(401);
    expect((await errorOf(after)).detail).toBe("This key has expired.");
    expect((await api.request("/api/v1/lists", { key: replacement })).status).toBe(200);
  });

  it("applies a narrowed scope on the next request", async () => {
    const { change, key, secret } = await workspaceWithKey({ scopes: ["lists:write"] });
    expect((await api.request("/api/v1/lists", { method: "POST", key: secret, body: { data: { attributes: {} } } })).status).toBe(201);
    await updateApiKey(change, { keyId: key.id, name: key.name, description: "", scopes: ["lists:read"] });
    const response = await api.request("/api/v1/lists", { method: "POST", key: secret, body: { data: { attributes: {} } } });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).detail).toBe("This key lacks the lists:write scope.");
  });
});

describe("records", () => {
  it("create, read, list with cursor pages, update and delete, in the key's workspace", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["profiles:write"] });
    const created = await api.request("/api/v1/profiles", {
      method: "POST",
      key: secret,
      body: { data: { type: "profiles", attributes: { email: "ada@example.test", plan: "pro" } } },
    });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string; type: string; attributes: Record<string, unknown> } };
    expect(data).toMatchObject({ type: "profiles", attributes: { email: "ada@example.test", plan: "pro" } });
    expect(created.headers.get("location")).toBe(`/api/v1/profiles/${data.id}`);

    const patched = await api.request(`/api/v1/profiles/${data.id}`, {
      method: "PATCH",
      key: secret,
      body: { data: { attributes: { plan: null, name: "Ada" } } },
    });
    expect(((await patched.json()) as { data: { attributes: unknown } }).data.attributes).toEqual({
      email: "ada@example.test",
      name: "Ada",
    });

    for (let i = 0; i < 4; i++)
      await api.request("/api/v1/profiles", { method: "POST", key: secret, body: { data: { attributes: { i } } } });
    const ids: string[] = [];
    let next: string | null = "/api/v1/profiles?limit=2";
    while (next) {
      const page = (await (await api.request(next, { key: secret })).json()) as { data: { id: string }[]; links: { next: string | null } };
      expect(page.data.length).toBeLessThanOrEqual(2);
      ids.push(...page.data.map((r) => r.id));
      next = page.links.next;
    }
    expect(new Set(ids).size).toBe(5);

    expect((await api.request(`/api/v1/profiles/${data.id}`, { method: "DELETE", key: secret })).status).toBe(204);
    expect((await api.request(`/api/v1/profiles/${data.id}`, { key: secret })).status).toBe(404);
  });

  it("never shows or changes another workspace's record: it answers 404 like a missing one", async () => {
    const acme = await workspaceWithKey({ scopes: ["lists:write"] });
    const globex = await workspaceWithKey({ scopes: ["lists:write"] });
    const created = (await (
      await api.request("/api/v1/lists", { method: "POST", key: globex.secret, body: { data: { attributes: { name: "Globex VIPs" } } } })
    ).json()) as { data: { id: string } };
    const id = created.data.id;
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const response = await api.request(`/api/v1/lists/${id}`, {
        method,
        key: acme.secret,
        body: method === "PATCH" ? { data: { attributes: { name: "pwned" } } } : undefined,
      });
      const missing = await api.request("/api/v1/lists/does-not-exist", {
        method,
        key: acme.secret,
        body: method === "PATCH" ? { data: { attributes: {} } } : undefined,
      });
      expect(response.status).toBe(404);
      expect(missing.status).toBe(404);
    }
    const list = (await (await api.request("/api/v1/lists", { key: acme.secret })).json()) as { data: unknown[] };
    expect(list.data).toEqual([]);
    expect(JSON.parse((await db.apiRecord.findUniqueOrThrow({ where: { id } })).attributes)).toEqual({ name: "Globex VIPs" });
  });

  it.each([
    ["not JSON", "{oops", 422, "The body is not valid JSON."],
    ["no data", { attributes: {} }, 422, "/data"],
    ["attributes not an object", { data: { attributes: [1, 2] } }, 422, "/data/attributes"],
    ["a client-chosen id", { data: { id: "mine", attributes: {} } }, 422, "/data/id"],
    ["the wrong type", { data: { type: "lists", attributes: {} } }, 422, "/data/type"],
    ["a body over 64 kB", { data: { attributes: { blob: "x".repeat(70_000) } } }, 413, "over the limit"],
  ])("refuses %s, changing nothing", async (_label, body, status, detail) => {
    const { secret, workspace } = await workspaceWithKey({ scopes: ["profiles:write"] });
    const response = await api.request("/api/v1/profiles", { method: "POST", key: secret, body });
    expect(response.status).toBe(status);
    expect((await errorOf(response)).detail).toContain(detail);
    expect(await db.apiRecord.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("refuses a body that is not JSON by media type", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["profiles:write"] });
    const response = await api.request("/api/v1/profiles", {
      method: "POST",
      key: secret,
      body: "a=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(415);
  });

  it.each(["0", "101", "abc", "1.5"])("refuses limit=%s", async (limit) => {
    const { secret } = await workspaceWithKey({ scopes: ["profiles:read"] });
    expect((await api.request(`/api/v1/profiles?limit=${limit}`, { key: secret })).status).toBe(422);
  });
});

describe("introspection, health and routes", () => {
  it("GET /api/v1/key describes the calling key without needing a scope", async () => {
    const { secret, key, workspace } = await workspaceWithKey({ name: "Introspected", scopes: ["tags:read"] });
    const response = await api.request("/api/v1/key", { key: secret });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: {
        id: key.id,
        type: "api-key",
        attributes: {
          name: "Introspected",
          prefix: secret.slice(0, 8),
          last4: secret.slice(-4),
          scopes: ["tags:read"],
          expiresAt: null,
          workspace: { id: workspace.id, name: workspace.name },
        },
      },
    });
    expect(JSON.stringify(await (await api.request("/api/v1/key", { key: secret })).json())).not.toContain(secret);
  });

  it("answers unknown routes with 404 and the error shape", async () => {
    for (const path of ["/api/v1/wallets", "/api/v1/lists/a/b", "/api/v1/"]) {
      const response = await api.request(path);
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe("not_found");
    }
  });

  it("health answers without a key", async () => {
    expect(await (await api.request("/api/v1/health")).json()).toEqual({ status: "ok", database: "reachable" });
  });
});

describe("usage", () => {
  it("records one row per request a key made, allowed or not, counts the one without a key per hour and address, and moves the key's lastUsedAt", async () => {
    const { secret, key, workspace } = await workspaceWithKey({ scopes: ["lists:read"] });
    const since = new Date();
    const anonymous = () => db.anonymousRefusalRollup.aggregate({ where: { ip: "127.0.0.1", decision: "invalid" }, _sum: { count: true } });
    await usageRecorder.flush();
    const before = (await anonymous())._sum.count ?? 0;
    await api.request("/api/v1/lists", { key: secret });
    await api.request("/api/v1/lists", { method: "POST", key: secret, body: { data: { attributes: {} } } });
    await api.request("/api/v1/lists");
    await usageRecorder.flush();
    const rows = await db.apiRequest.findMany({
      where: { createdAt: { gte: since }, OR: [{ keyId: key.id }, { keyId: null, path: "/api/v1/lists" }] },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.method, r.decision, r.status, r.requiredScope])).toEqual([
      ["GET", "allowed", 200, "lists:read"],
      ["POST", "missing_scope", 403, "lists:write"],
    ]);
    expect((await anonymous())._sum.count).toBe(before + 1);
    expect(rows.slice(0, 2).every((r) => r.workspaceId === workspace.id && r.resource === "lists")).toBe(true);
    const touched = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(touched.lastUsedAt?.getTime()).toBe(rows[1]!.createdAt.getTime());
    expect(touched.lastUsedIp).toBe("127.0.0.1");
  });

  it("answers every request with a Request-Id that is its error's id and its usage row, and records the field a 422 named", async () => {
    const { secret, workspace } = await workspaceWithKey({ scopes: ["lists:write"] });
    const responses = [
      await api.request("/api/v1/lists", { key: secret }),
      await api.request("/api/v1/profiles", { key: secret }),
      await api.request("/api/v1/lists", { method: "POST", key: secret, body: { data: { attributes: "not an object" } } }),
      await api.request("/api/v1/lists"),
      await api.request("/api/v1/health"),
    ];
    const ids = responses.map((response) => response.headers.get("request-id"));
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{9}[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const [, denied, invalid, unauthenticated] = responses;
    expect((await errorOf(denied!)).id).toBe(ids[1]);
    const invalidError = (await errorOf(invalid!)) as { id: string; source?: { pointer: string } };
    expect(invalidError.id).toBe(ids[2]);
    expect(invalidError.source?.pointer).toBe("/data/attributes");
    expect((await errorOf(unauthenticated!)).id).toBe(ids[3]);

    await usageRecorder.flush();
    const rows = await db.apiRequest.findMany({ where: { id: { in: ids.slice(0, 3) as string[] } } });
    // Two requests in one millisecond may sort either way by id: compare by id, not by order.
    expect(new Map(rows.map((row) => [row.id, [row.status, row.field]]))).toEqual(
      new Map([
        [ids[0], [200, null]],
        [ids[1], [403, null]],
        [ids[2], [422, "/data/attributes"]],
      ]),
    );
    expect(rows.every((row) => row.workspaceId === workspace.id)).toBe(true);
  });
});

describe("a key's IP allow-list", () => {
  it("refuses a request from an address outside it with 403 ip_not_allowed naming the address, and counts it as denied", async () => {
    const { change, secret, key } = await workspaceWithKey({ scopes: ["profiles:read"], ipAllowList: "203.0.113.0/24\n2001:db8::/32" });
    const refused = await api.request("/api/v1/profiles", { key: secret });
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: "ip_not_allowed", detail: "This key may not be used from 127.0.0.1." });
    expect((await api.request("/api/v1/key", { key: secret })).status).toBe(403);

    // Allowing the caller's range lets it in on the next request.
    await updateApiKey(change, { keyId: key.id, name: key.name, description: "", scopes: key.scopes, ipAllowList: "127.0.0.0/8" });
    expect((await api.request("/api/v1/profiles", { key: secret })).status).toBe(200);
    await usageRecorder.flush();
    const decisions = await db.apiRequest.findMany({ where: { keyId: key.id }, orderBy: { createdAt: "asc" }, select: { decision: true } });
    expect(decisions.map((d) => d.decision)).toEqual(["ip_not_allowed", "ip_not_allowed", "allowed"]);
  });

  it("is carried to the replacement of a rotation", async () => {
    const { change, key } = await workspaceWithKey({ ipAllowList: "203.0.113.0/24" });
    const { secret } = await rotateApiKey(change, key.id, "1h");
    expect((await api.request("/api/v1/key", { key: secret })).status).toBe(403);
  });
});
