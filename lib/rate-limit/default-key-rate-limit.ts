// DEFAULT_KEY_RATE_LIMIT: the limit a new key's form starts with, and what keys created without a form
// (access-request approval, handover flows) get. Unset or "none": no limit. Anything else that is not
// "<n>/second" or "<n>/minute" stops the server's start (server.ts calls this before it listens).
import { MAX_RATE_LIMIT_REQUESTS, parseRateLimit, type RateLimit } from "./rate-limit";

export function defaultKeyRateLimit(value = process.env.DEFAULT_KEY_RATE_LIMIT): RateLimit | null {
  const setting = (value ?? "").trim();
  if (setting === "" || setting.toLowerCase() === "none") return null;
  const limit = parseRateLimit(setting);
  if (!limit)
    throw new Error(
      `DEFAULT_KEY_RATE_LIMIT must be unset, "none", or <requests>/second or <requests>/minute with 1 to ${MAX_RATE_LIMIT_REQUESTS.toLocaleString("en-US")} requests (e.g. 600/minute); got "${value}".`,
    );
  return limit;
}
