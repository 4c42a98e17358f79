// Failed authentications per client address: a missing, malformed, unknown, revoked or expired key (and
// a wrong service token on the verify endpoint). Past FAILED_AUTH_LIMIT_PER_MINUTE failures in a minute
// from one address, its requests are refused with 429 before any key is looked up, until the minute
// ends: a flood of guesses costs neither lookups nor, being counted without a key, a stored row each
// (lib/usage/rows.ts, anonymous refusals).
//
// Valid requests never touch this counter: only a failure counts, and the check before the lookup reads
// this instance's memory of addresses already over the limit, so it costs no Redis round trip. With
// Redis, failures are counted across instances, and each instance learns an address is over the limit
// on its own next failure from it.
import { RateLimiterRes } from "rate-limiter-flexible";
import type { LimiterStore } from "./limiter-store";

export const DEFAULT_FAILED_AUTH_LIMIT_PER_MINUTE = 60;
const WINDOW_SECONDS = 60;
/** Addresses remembered as over the limit; past this the expired ones are dropped first. */
const MAX_REMEMBERED = 10_000;

export function failedAuthLimitPerMinute(value = process.env.FAILED_AUTH_LIMIT_PER_MINUTE): number {
  if (value === undefined || value.trim() === "") return DEFAULT_FAILED_AUTH_LIMIT_PER_MINUTE;
  if (!/^[1-9][0-9]{0,5}$/.test(value.trim()))
    throw new Error(`FAILED_AUTH_LIMIT_PER_MINUTE must be a whole number from 1 to 999999; got "${value}".`);
  return Number(value.trim());
}

export type FailedAuthLimiter = {
  /** Seconds until the address may try again, or 0 when it is not over the limit. */
  blockedFor(address: string | null, now?: number): number;
  /** Counts one failure; resolves with the seconds to wait when this one went over the limit, else 0. */
  fail(address: string | null): Promise<number>;
  readonly limit: number;
};

export function createFailedAuthLimiter(store: LimiterStore, limit = failedAuthLimitPerMinute()): FailedAuthLimiter {
  const limiter = store.limiter("failed-auth", limit, WINDOW_SECONDS);
  const blockedUntil = new Map<string, number>();
  // Requests whose address is unknown (no socket address) share one count, so they are not exempt.
  const keyOf = (address: string | null) => address ?? "unknown";
  const remember = (key: string, until: number) => {
    if (blockedUntil.size >= MAX_REMEMBERED) {
      const now = Date.now();
      for (const [k, t] of blockedUntil) if (t <= now) blockedUntil.delete(k);
      // Still full of live blocks: the oldest entry goes (Map keeps insertion order).
      if (blockedUntil.size >= MAX_REMEMBERED) blockedUntil.delete(blockedUntil.keys().next().value!);
    }
    blockedUntil.set(key, until);
  };
  return {
    limit,
    blockedFor(address, now = Date.now()) {
      const key = keyOf(address);
      const until = blockedUntil.get(key);
      if (until === undefined) return 0;
      if (until <= now) {
        blockedUntil.delete(key);
        return 0;
      }
      return Math.max(1, Math.ceil((until - now) / 1000));
    },
    async fail(address) {
      const key = keyOf(address);
      try {
        await limiter.consume(key);
        return 0;
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        remember(key, Date.now() + refusal.msBeforeNext);
        return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      }
    },
  };
}
