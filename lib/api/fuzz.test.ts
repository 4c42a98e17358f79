// Thousands of malformed requests: every answer is a 4xx with the error shape (or a 2xx read), never a
// 5xx, and nothing in the database changes, since the only valid key here can read but not write.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { serveApiForTests } from "@/lib/testing/api-server";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";

const api = serveApiForTests();

async function snapshot(workspaceId: string) {
  const [records, keys] = await Promise.all([
    db.apiRecord.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.apiKey.findMany({
      where: { workspaceId },
      select: { id: true, scopes: true, revokedAt: true, expiresAt: true, name: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return JSON.stringify({ records, keys });
}

async function expectWellFormed(response: Response, method: string) {
  expect(response.status, `${method} answered ${response.status}`).toBeLessThan(500);
  if (response.status >= 300) {
    const body = (await response.json()) as { errors?: { status: string; code: string; detail: string }[] };
    expect(body.errors?.[0]).toMatchObject({ status: String(response.status), code: expect.any(String), detail: expect.any(String) });
  } else {
    expect(method).toBe("GET");
    await response.arrayBuffer();
  }
}

const resourceIds = defaultCatalog().resources.map((r) => r.id);
const segment = fc.oneof(
  fc.constantFrom(...resourceIds, "key", "health", "openapi.json", "..", "%00", "%2e%2e"),
  fc.string({ maxLength: 40 }),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/),
);
const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/api/v1/${parts.map(encodeURIComponent).join("/")}`);
const query = fc.oneof(
  fc.constant(""),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 3 }).map((q) => `?${new URLSearchParams(q)}`),
);
const method = fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS");
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.json().map(String),
  fc
    .record(
      { data: fc.record({ type: fc.string(), id: fc.string(), attributes: fc.anything() }, { requiredKeys: [] }) },
      { requiredKeys: [] },
    )
    .map((b) => JSON.stringify(b)),
);

describe("fuzzing the API", () => {
  it("answers malformed Authorization headers with 401, never more", async () => {
    const { workspace, secret } = await workspaceWithKey({ scopes: ["lists:read"] });
    // Each from an address of its own (behind a trusted proxy): from one address, failures past the
    // per-address limit are answered 429 (lib/api/rate-limit.test.ts), which is not what this checks.
    const trustProxy = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = "1";
    let sent = 0;
    const before = await snapshot(workspace.id);
    const header = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
      fc.stringMatching(/^[0-9A-Za-z]{36}$/).map((s) => `Bearer ksk_${s}`),
      fc.nat({ max: secret.length - 1 }).map((i) => `Bearer ${secret.slice(0, i)}${secret.slice(i + 1)}`),
      fc.constantFrom(`bearer  ${secret}x`, `Basic ${secret}`, `Bearer ${secret} ${secret}`, `Token ${secret}`),
    );
    await fc.assert(
      fc.asyncProperty(header, async (authorization) => {
        let response: Response;
        try {
          response = await api.request("/api/v1/lists", {
            headers: { authorization, "x-forwarded-for": `2001:db8::${(++sent).toString(16)}` },
          });
        } catch {
          return; // fetch itself refuses headers with characters HTTP forbids; nothing was sent
        }
        expect(response.status).toBe(401);
        await expectWellFormed(response, "GET");
      }),
      { numRuns: 1000 },
    );
    if (trustProxy === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = trustProxy;
    expect(await snapshot(workspace.id)).toBe(before);
  });

  it("answers arbitrary paths, queries, methods and bodies without a 5xx or a change", async () => {
    const { workspace, secret } = await workspaceWithKey({ scopes: ["lists:read", "profiles:read"] });
    await api.request("/api/v1/lists", { key: secret });
    const before = await snapshot(workspace.id);
    await fc.assert(
      fc.asyncProperty(path, query, method, body, fc.boolean(), async (p, q, m, b, withKey) => {
        const response = await api.request(`${p}${q}`, {
          method: m,
          key: withKey ? secret : undefined,
          body: m === "GET" || m === "HEAD" ? undefined : b,
        });
        if (m === "HEAD") {
          expect(response.status).toBeLessThan(500);
          return;
        }
        await expectWellFormed(response, m);
      }),
      { numRuns: 1500 },
    );
    expect(await snapshot(workspace.id)).toBe(before);
  });
});
