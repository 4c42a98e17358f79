// Where the API's rate limits count: in this process's memory, or in Redis when REDIS_URL is set, so
// that every instance shares one count per key and per address. While Redis is away each limiter
// counts in memory (rate-limiter-flexible's insurance limiter): limits then hold per instance, never
// turn into "no limit" and never into an error. One warning when that starts, one line when Redis is
// back, however many requests fall in between.
import Redis from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";

export type LimiterStore = {
  /** A limiter of `points` per `duration` seconds; keys are namespaced by `prefix`. */
  limiter(prefix: string, points: number, duration: number): RateLimiterAbstract;
  /** Resolves once counts are shared (Redis ready); at once when they are kept in memory. */
  shared(): Promise<void>;
  close(): void;
};

type Log = { warn(message: string): void; info(message: string): void };
// Both lines on stderr, like the server's other operational lines (docs/operations.md, "What the logs say").
const consoleLog: Log = { warn: (m) => console.warn(m), info: (m) => console.warn(m) };

export function createLimiterStore(redisUrl = process.env.REDIS_URL, log: Log = consoleLog): LimiterStore {
  if (!redisUrl) {
    return {
      limiter: (keyPrefix, points, duration) => new RateLimiterMemory({ keyPrefix, points, duration }),
      shared: () => Promise.resolve(),
      close: () => undefined,
    };
  }
  // No offline queue and no waiting for a connection: while Redis is not ready a count goes to the
  // insurance limiter at once instead of holding the request. Auto-pipelining sends the counts of the
  // requests that arrive together in one write (each request costs a round trip otherwise).
  const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, enableAutoPipelining: true });
  let degraded = false;
  client.on("error", (error: Error) => {
    if (degraded) return;
    degraded = true;
    log.warn(`[rate-limit] Redis unreachable (${error.message}): rate limits count in this instance only until it is back`);
  });
  client.on("ready", () => {
    if (!degraded) return;
    degraded = false;
    log.info("[rate-limit] Redis is back: rate limits are shared by every instance again");
  });
  return {
    limiter: (keyPrefix, points, duration) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `keysmith:${keyPrefix}`,
        points,
        duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
      }),
    shared: () => (client.status === "ready" ? Promise.resolve() : new Promise<void>((resolve) => client.once("ready", () => resolve()))),
    close: () => client.disconnect(),
  };
}
