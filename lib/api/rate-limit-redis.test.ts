// The API's rate limits counted in Redis (REDIS_URL, a private redis-server of this test's own), and
// that Redis stopped mid-run: every answer stays a 2xx or a 4xx, limits still hold in this instance,
// and once Redis is back the counts are shared again.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiLimiters, closeApiLimiters } from "@/lib/rate-limit/process-limiters";
import { serveApiForTests } from "@/lib/testing/api-server";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { testRedis } from "@/lib/testing/redis-server";

const redis = testRedis(6392);
const api = serveApiForTests();
const statusesOf = async (count: number, send: () => Promise<Response>) => {
  const statuses: number[] = [];
  for (let n = 0; n < count; n++) statuses.push((await send()).status);
  return statuses;
};

beforeAll(async () => {
  await redis.start();
  // Before the first request: the process's limiters are made on first use, from REDIS_URL.
  vi.stubEnv("REDIS_URL", redis.url);
  await apiLimiters().store.shared();
});
afterAll(async () => {
  closeApiLimiters();
  vi.unstubAllEnvs();
  await redis.stop();
});

describe("rate limits through Redis", () => {
  it("hold through a Redis outage with no 5xx, one warning, and are shared again when it is back", async () => {
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { secret } = await workspaceWithKey({ scopes: ["lists:read"], rateLimit: { requests: 5, period: "minute" } });
    const send = () => api.request("/api/v1/lists", { key: secret });
    expect(await statusesOf(2, send)).toEqual([200, 200]);

    await redis.stop();
    // This instance counts on its own from here: five more, then refused; never a 5xx, never unlimited.
    expect(await statusesOf(8, send)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const unknown = `${secret.slice(0, 4)}${"x".repeat(secret.length - 4)}`;
    const failures = await statusesOf(5, () => api.request("/api/v1/lists", { key: unknown }));
    expect(failures).toEqual([401, 401, 401, 401, 401]);
    const outageWarnings = () => warnings.mock.calls.filter(([line]) => String(line).startsWith("[rate-limit] Redis unreachable"));
    await vi.waitFor(() => expect(outageWarnings()).toHaveLength(1));

    await redis.start();
    await apiLimiters().store.shared();
    // The restarted Redis holds no counts: the key's count starts again there, shared by every instance.
    expect(await statusesOf(6, send)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(outageWarnings()).toHaveLength(1);
    warnings.mockRestore();
  });
});
