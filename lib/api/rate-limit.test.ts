// Rate limits as a caller sees them through the API and the verify endpoint (in-process counting): a
// key's limit exact at the boundary with the RateLimit fields on every answer, refusals recorded as
// their own decision; failed authentications per address; an anonymous flood stored as bounded counts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { revokeApiKey } from "@/lib/api-keys/lifecycle";
import { db } from "@/lib/db";
import { serveApiForTests } from "@/lib/testing/api-server";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { usageRecorder } from "@/lib/usage/recorder";
import { VERIFY_PATH } from "./verify-contract";

const api = serveApiForTests();
const TOKEN = "service-token-for-the-rate-limit-tests-0123456789";
let address = 0;
/** An address of the test's own (behind a trusted proxy), so per-address counts start at zero. */
const freshAddress = () => `198.51.100.${++address}`;
const from = (ip: string, key?: string) => api.request("/api/v1/key", { key, headers: { "x-forwarded-for": ip } });

async function errorOf(response: Response) {
  const body = (await response.json()) as { errors: { id: string; status: string; code: string; detail: string }[] };
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]!.id).toBe(response.headers.get("request-id"));
  return body.errors[0]!;
}

beforeEach(() => {
  vi.stubEnv("TRUST_PROXY", "1");
  vi.stubEnv("FAILED_AUTH_LIMIT_PER_MINUTE", "60");
  vi.stubEnv("KEYSMITH_SERVICE_TOKEN", TOKEN);
});
afterEach(() => vi.unstubAllEnvs());

describe("a key's rate limit", () => {
  it("lets exactly N requests a second through, refuses the next with 429 rate_limited, Retry-After and the RateLimit fields, and lets it through again after the second", async () => {
    const { secret, key } = await workspaceWithKey({ scopes: ["lists:read"], rateLimit: { requests: 3, period: "second" } });
    const ip = freshAddress();
    // The window opens with the key's first request and lasts one second: these four take milliseconds.
    const answers: Response[] = [];
    for (let n = 0; n < 3; n++) answers.push(await from(ip, secret));
    const over = await from(ip, secret);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    answers.forEach((answer, n) => {
      expect(answer.headers.get("ratelimit-policy")).toBe('"key";q=3;w=1');
      expect(answer.headers.get("ratelimit")).toMatch(new RegExp(`^"key";r=${2 - n};t=[01]$`));
      expect(answer.headers.get("retry-after")).toBeNull();
    });
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("1");
    expect(over.headers.get("ratelimit-policy")).toBe('"key";q=3;w=1');
    expect(over.headers.get("ratelimit")).toMatch(/^"key";r=0;t=[01]$/);
    const error = await errorOf(over);
    expect(error).toMatchObject({ status: "429", code: "rate_limited", title: "Rate limited" });
    expect(error.detail).toMatch(/^This key's limit is 3 requests per second: try again in 1 second\.$/);

    await vi.waitFor(async () => expect((await from(ip, secret)).status).toBe(200), { timeout: 3000, interval: 250 });

    await usageRecorder.flush();
    const limited = await db.apiRequest.count({ where: { keyId: key.id, decision: "rate_limited", status: 429 } });
    expect(limited).toBeGreaterThanOrEqual(1);
    const counted = await db.usageRollup.aggregate({ where: { keyId: key.id, decision: "rate_limited" }, _sum: { count: true } });
    expect(counted._sum.count).toBe(limited);
  });

  it("counts requests its scope refuses, and sends the RateLimit fields on every answer, errors included", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["lists:read"], rateLimit: { requests: 2, period: "minute" } });
    const ip = freshAddress();
    const denied = await api.request("/api/v1/profiles", { key: secret, headers: { "x-forwarded-for": ip } });
    expect(denied.status).toBe(403);
    expect(denied.headers.get("ratelimit")).toMatch(/^"key";r=1;t=(60|59)$/);
    const missing = await api.request("/api/v1/lists/nothing-here", { key: secret, headers: { "x-forwarded-for": ip } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("ratelimit")).toMatch(/^"key";r=0;t=(60|59)$/);
    const over = await api.request("/api/v1/lists", { key: secret, headers: { "x-forwarded-for": ip } });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(55);
  });

  it("is not checked for a key without one: no RateLimit fields", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["lists:read"] });
    const answer = await from(freshAddress(), secret);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("ratelimit")).toBeNull();
    expect(answer.headers.get("ratelimit-policy")).toBeNull();
  });

  it("is counted by the verify endpoint too, which answers rate_limited with the same fields and records it", async () => {
    const { secret, key } = await workspaceWithKey({ scopes: ["profiles:read"], rateLimit: { requests: 2, period: "minute" } });
    const verify = () =>
      api.request(VERIFY_PATH, {
        method: "POST",
        body: { key: secret, scope: "profiles:read" },
        headers: { authorization: `Bearer ${TOKEN}` },
      });
    const first = await verify();
    expect(await first.json()).toMatchObject({ valid: true, keyId: key.id });
    expect(first.headers.get("ratelimit")).toMatch(/^"key";r=1;t=(60|59)$/);
    // The API request and the verified call share one count.
    expect((await from(freshAddress(), secret)).status).toBe(200);
    const over = await verify();
    expect(over.status).toBe(200);
    expect(await over.json()).toEqual({ valid: false, code: "rate_limited", requiredScope: "profiles:read" });
    expect(over.headers.get("ratelimit-policy")).toBe('"key";q=2;w=60');
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(55);
    await usageRecorder.flush();
    const row = await db.apiRequest.findUniqueOrThrow({ where: { id: over.headers.get("request-id")! } });
    expect([row.decision, row.keyId, row.path]).toEqual(["rate_limited", key.id, VERIFY_PATH]);
  });
});

describe("failed authentications per address", () => {
  it("refuses the 61st bad key in a minute from one address with 429 before any lookup, a valid key from it too, and leaves another address alone", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["lists:read"] });
    const [flooding, other] = [freshAddress(), freshAddress()];
    const unknown = `${secret.slice(0, 4)}${"x".repeat(secret.length - 4)}`;
    for (let n = 0; n < 60; n++) expect((await from(flooding, unknown)).status, `failure ${n + 1}`).toBe(401);
    const refused = await from(flooding, unknown);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(55);
    expect(await errorOf(refused)).toMatchObject({
      code: "rate_limited",
      detail: expect.stringMatching(/^Too many failed authentications/),
    });
    // For the rest of the minute the address is refused whatever it sends.
    expect((await from(flooding, secret)).status).toBe(429);
    expect((await from(flooding)).status).toBe(429);
    expect((await from(other, unknown)).status).toBe(401);
    expect((await from(other, secret)).status).toBe(200);
  });

  it("counts revoked and expired keys and wrong service tokens as failures too", async () => {
    const revoked = await workspaceWithKey({ scopes: ["lists:read"] });
    await revokeApiKey(revoked.change, revoked.key.id, "leaked");
    const expired = await workspaceWithKey({ scopes: ["lists:read"], expiration: "30" });
    await db.apiKey.update({ where: { id: expired.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const ip = freshAddress();
    const wrongToken = () =>
      api.request(VERIFY_PATH, { method: "POST", body: {}, headers: { authorization: "Bearer wrong", "x-forwarded-for": ip } });
    for (let n = 0; n < 20; n++) expect((await from(ip, revoked.secret)).status).toBe(401);
    for (let n = 0; n < 20; n++) expect((await from(ip, expired.secret)).status).toBe(401);
    for (let n = 0; n < 20; n++) expect((await wrongToken()).status).toBe(401);
    expect((await wrongToken()).status).toBe(429);
    expect((await from(ip)).status).toBe(429);
  });
});

describe("an anonymous flood", () => {
  it("stores no row per request: 5,000 bad keys from 5 addresses are at most 5 addresses x 2 decisions x the hours they span", async () => {
    const { secret } = await workspaceWithKey({ scopes: ["lists:read"] });
    const addresses = Array.from({ length: 5 }, freshAddress);
    const bad = `${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
    await usageRecorder.flush();
    const rowsBefore = await db.apiRequest.count();
    const started = new Date();
    const statuses = new Map<number, number>();
    for (let batch = 0; batch < 100; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => from(addresses[i % 5]!, bad)));
      for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
    const ended = new Date();
    await usageRecorder.flush();
    // Each address: 60 answered 401, the rest 429 (the per-address limit), none a 5xx.
    expect(Object.fromEntries(statuses)).toEqual({ 401: 300, 429: 4700 });
    expect(await db.apiRequest.count()).toBe(rowsBefore);
    const counted = await db.anonymousRefusalRollup.findMany({ where: { ip: { in: addresses } } });
    const hours = Math.floor(ended.getTime() / 3600_000) - Math.floor(started.getTime() / 3600_000) + 1;
    expect(counted.length).toBeLessThanOrEqual(addresses.length * 2 * hours);
    expect(counted.reduce((sum, row) => sum + row.count, 0)).toBe(5000);
    const byDecision = (decision: string) => counted.filter((row) => row.decision === decision).reduce((sum, row) => sum + row.count, 0);
    expect([byDecision("invalid"), byDecision("rate_limited")]).toEqual([300, 4700]);
  });
});
