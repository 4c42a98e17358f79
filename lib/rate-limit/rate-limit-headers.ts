// The IETF httpapi RateLimit fields (draft-ietf-httpapi-ratelimit-headers-09 and later: structured
// fields, one named policy): RateLimit-Policy states the quota (q) and window (w, seconds); RateLimit
// the remaining requests (r) and the seconds until the window resets (t). Retry-After on a 429 only.
import { PERIOD_SECONDS, type RateLimit } from "./rate-limit";

/** The policy's name in both fields. */
export const KEY_POLICY = "key";

export type LimitState = { remaining: number; resetSeconds: number };

export function rateLimitHeaders(limit: RateLimit, state: LimitState, refused: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "ratelimit-policy": `"${KEY_POLICY}";q=${limit.requests};w=${PERIOD_SECONDS[limit.period]}`,
    ratelimit: `"${KEY_POLICY}";r=${state.remaining};t=${state.resetSeconds}`,
  };
  if (refused) headers["retry-after"] = String(Math.max(1, state.resetSeconds));
  return headers;
}
