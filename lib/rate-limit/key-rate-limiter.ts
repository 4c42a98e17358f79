// Each key's rate limit, counted per key id in a fixed window of one second or one minute. One limiter
// per distinct (requests, period), made on first use: keys with the same limit share it, and a key whose
// limit changes starts a fresh count under the new one.
import { RateLimiterRes } from "rate-limiter-flexible";
import type { LimiterStore } from "./limiter-store";
import { PERIOD_SECONDS, type RateLimit } from "./rate-limit";
import { rateLimitHeaders } from "./rate-limit-headers";

export type KeyLimitVerdict = { allowed: boolean; headers: Record<string, string> };

export type KeyRateLimiter = { check(keyId: string, limit: RateLimit): Promise<KeyLimitVerdict> };

export function createKeyRateLimiter(store: LimiterStore): KeyRateLimiter {
  const limiters = new Map<string, ReturnType<LimiterStore["limiter"]>>();
  const limiterFor = (limit: RateLimit) => {
    const name = `${limit.requests}/${limit.period}`;
    let limiter = limiters.get(name);
    if (!limiter) {
      limiter = store.limiter(`key-rate:${name}`, limit.requests, PERIOD_SECONDS[limit.period]);
      limiters.set(name, limiter);
    }
    return limiter;
  };
  return {
    async check(keyId, limit) {
      let result: RateLimiterRes;
      let allowed = true;
      try {
        result = await limiterFor(limit).consume(keyId);
      } catch (refusal) {
        // Over the limit rejects with the count; anything else is a fault the insurance limiter did not absorb.
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        result = refusal;
        allowed = false;
      }
      const state = { remaining: Math.max(0, result.remainingPoints), resetSeconds: Math.max(0, Math.ceil(result.msBeforeNext / 1000)) };
      return { allowed, headers: rateLimitHeaders(limit, state, !allowed) };
    },
  };
}
