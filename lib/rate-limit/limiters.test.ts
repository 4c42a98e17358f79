// The limiters on their own: a key's limit exact at the boundary and again after its window, counted
// together by two instances sharing a Redis, and still enforced per instance while that Redis is
// stopped (one warning, one line when it is back); failed authentications per address.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { testRedis } from "@/lib/testing/redis-server";
import { createFailedAuthLimiter } from "./failed-auth-limiter";
import { createKeyRateLimiter } from "./key-rate-limiter";
import { createLimiterStore, type LimiterStore } from "./limiter-store";

const redis = testRedis(6391);
const stores: LimiterStore[] = [];
/** A store with a log of its own: what it warned of, what it said when Redis came back. */
const open = (url?: string) => {
  const logged = { warn: [] as string[], info: [] as string[] };
  const store = createLimiterStore(url, { warn: (m) => logged.warn.push(m), info: (m) => logged.info.push(m) });
  stores.push(store);
  return Object.assign(store, { logged });
};
let counter = 0;
const freshKey = () => `key-${process.pid}-${Date.now()}-${++counter}`;

beforeAll(() => redis.start());
afterAll(async () => {
  for (const store of stores) store.close();
  await redis.stop();
});
afterEach(() => vi.useRealTimers());

describe("a key's rate limit", () => {
  it("lets exactly N requests through per minute, refuses the next with Retry-After and the RateLimit fields, and lets it through once the minute is over", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-04T12:00:00Z"));
    const limiter = createKeyRateLimiter(open(undefined));
    const limit = { requests: 5, period: "minute" } as const;
    const key = freshKey();
    for (let n = 1; n <= 5; n++) {
      const verdict = await limiter.check(key, limit);
      expect(verdict.allowed, `request ${n}`).toBe(true);
      expect(verdict.headers).toEqual({ "ratelimit-policy": '"key";q=5;w=60', ratelimit: `"key";r=${5 - n};t=60` });
    }
    vi.setSystemTime(new Date("2026-12-04T12:00:43Z"));
    const refused = await limiter.check(key, limit);
    expect(refused).toEqual({
      allowed: false,
      headers: { "ratelimit-policy": '"key";q=5;w=60', ratelimit: '"key";r=0;t=17', "retry-after": "17" },
    });
    // Another key with the same limit has its own count.
    expect((await limiter.check(freshKey(), limit)).allowed).toBe(true);
    vi.setSystemTime(new Date("2026-12-04T12:00:59.999Z"));
    expect((await limiter.check(key, limit)).allowed).toBe(false);
    vi.setSystemTime(new Date("2026-12-04T12:01:00Z"));
    const again = await limiter.check(key, limit);
    expect(again.allowed).toBe(true);
    expect(again.headers.ratelimit).toBe('"key";r=4;t=60');
  });

  it("with a shared Redis, counts two instances' requests together", async () => {
    const [first, second] = [createKeyRateLimiter(open(redis.url)), createKeyRateLimiter(open(redis.url))];
    await Promise.all(stores.slice(-2).map((store) => store.shared()));
    const limit = { requests: 6, period: "minute" } as const;
    const key = freshKey();
    const verdicts = [];
    for (let n = 0; n < 8; n++) verdicts.push((await (n % 2 ? second : first).check(key, limit)).allowed);
    expect(verdicts).toEqual([true, true, true, true, true, true, false, false]);
  });

  it("with Redis stopped mid-run, still limits each instance on its own, with one warning, and shares again once it is back", async () => {
    const [storeA, storeB] = [open(redis.url), open(redis.url)];
    await Promise.all([storeA.shared(), storeB.shared()]);
    const [first, second] = [createKeyRateLimiter(storeA), createKeyRateLimiter(storeB)];
    const limit = { requests: 4, period: "minute" } as const;
    const key = freshKey();
    expect((await first.check(key, limit)).allowed).toBe(true);
    expect((await second.check(key, limit)).allowed).toBe(true);

    await redis.stop();
    // Each instance now counts in its own memory: 4 each, then refused; never an error, never unlimited.
    for (const limiter of [first, second]) {
      const verdicts = [];
      for (let n = 0; n < 6; n++) verdicts.push((await limiter.check(key, limit)).allowed);
      expect(verdicts).toEqual([true, true, true, true, false, false]);
    }
    await vi.waitFor(() => expect([storeA.logged.warn.length, storeB.logged.warn.length]).toEqual([1, 1]), { timeout: 5000 });
    // Many more counts, and the client's reconnection attempts, later: still one warning per instance.
    for (let n = 0; n < 50; n++) await first.check(key, limit);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect([storeA.logged.warn.length, storeB.logged.warn.length]).toEqual([1, 1]);
    expect(storeA.logged.warn[0]).toMatch(
      /^\[rate-limit\] Redis unreachable \(.+\): rate limits count in this instance only until it is back$/,
    );

    await redis.start();
    await Promise.all([storeA.shared(), storeB.shared()]);
    for (const store of [storeA, storeB])
      expect(store.logged.info).toEqual(["[rate-limit] Redis is back: rate limits are shared by every instance again"]);
    const shared = freshKey();
    const verdicts = [];
    for (let n = 0; n < 6; n++) verdicts.push((await (n % 2 ? second : first).check(shared, limit)).allowed);
    expect(verdicts).toEqual([true, true, true, true, false, false]);
  });
});

describe("failed authentications per address", () => {
  it("counts N failures, refuses at the N+1th with the seconds to wait, and leaves other addresses alone", async () => {
    const limiter = createFailedAuthLimiter(open(undefined), 3);
    for (let n = 0; n < 3; n++) {
      expect(limiter.blockedFor("203.0.113.7")).toBe(0);
      expect(await limiter.fail("203.0.113.7")).toBe(0);
    }
    const wait = await limiter.fail("203.0.113.7");
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
    expect(limiter.blockedFor("203.0.113.7")).toBe(wait);
    expect(limiter.blockedFor("203.0.113.7", Date.now() + 61_000)).toBe(0);
    expect(limiter.blockedFor("203.0.113.8")).toBe(0);
    expect(await limiter.fail("203.0.113.8")).toBe(0);
  });

  it("refuses a limit that means nothing", async () => {
    const { failedAuthLimitPerMinute } = await import("./failed-auth-limiter");
    // Unset (the lib tests' own configuration sets it: vitest.config.ts).
    vi.stubEnv("FAILED_AUTH_LIMIT_PER_MINUTE", undefined);
    expect(failedAuthLimitPerMinute()).toBe(60);
    vi.unstubAllEnvs();
    expect(failedAuthLimitPerMinute("")).toBe(60);
    expect(failedAuthLimitPerMinute("120")).toBe(120);
    for (const nonsense of ["0", "-5", "ten", "1.5", "10000000"])
      expect(() => failedAuthLimitPerMinute(nonsense), nonsense).toThrow(/^FAILED_AUTH_LIMIT_PER_MINUTE must be/);
  });
});
