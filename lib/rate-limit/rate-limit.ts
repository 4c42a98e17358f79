// A key's rate limit: at most `requests` requests per second or per minute, or none (null). Plain data,
// shared by the key form, the validation of key changes, the API's limiter and DEFAULT_KEY_RATE_LIMIT.
export const RATE_LIMIT_PERIODS = ["second", "minute"] as const;
export type RateLimitPeriod = (typeof RATE_LIMIT_PERIODS)[number];
export type RateLimit = { requests: number; period: RateLimitPeriod };

/** The largest limit a key may carry: far above what one instance serves, so it is never the bottleneck. */
export const MAX_RATE_LIMIT_REQUESTS = 1_000_000;

export const PERIOD_SECONDS: Record<RateLimitPeriod, number> = { second: 1, minute: 60 };

export function isRateLimitPeriod(value: unknown): value is RateLimitPeriod {
  return (RATE_LIMIT_PERIODS as readonly unknown[]).includes(value);
}

/** "600 requests per minute", or "No limit". */
export function describeRateLimit(limit: RateLimit | null): string {
  if (!limit) return "No limit";
  return `${limit.requests.toLocaleString("en-US")} ${limit.requests === 1 ? "request" : "requests"} per ${limit.period}`;
}

/** "600/minute" or "10/second" (the form DEFAULT_KEY_RATE_LIMIT takes), or null when it is not one. */
export function parseRateLimit(text: string): RateLimit | null {
  const match = /^([1-9][0-9]*)\/(second|minute)$/.exec(text.trim());
  if (!match) return null;
  const requests = Number(match[1]);
  if (requests > MAX_RATE_LIMIT_REQUESTS) return null;
  return { requests, period: match[2] as RateLimitPeriod };
}

/** The two stored columns as a limit: both set or none (a half-set row means no limit). */
export function rateLimitOf(requests: number | null | undefined, period: string | null | undefined): RateLimit | null {
  return requests && requests > 0 && isRateLimitPeriod(period) ? { requests, period } : null;
}

/** A limit as an audit event recorded it ({requests, period} or null), in words. */
export function describeRecordedRateLimit(value: unknown): string {
  const limit = (value && typeof value === "object" ? value : {}) as { requests?: unknown; period?: unknown };
  return describeRateLimit(rateLimitOf(typeof limit.requests === "number" ? limit.requests : null, String(limit.period)));
}
