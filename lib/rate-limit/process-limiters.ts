// The process's one set of API limiters (per key and per address), shared by both bundled copies of
// this module like lib/db.ts, and with every other instance through Redis when REDIS_URL is set.
import { createFailedAuthLimiter, type FailedAuthLimiter } from "./failed-auth-limiter";
import { createKeyRateLimiter, type KeyRateLimiter } from "./key-rate-limiter";
import { createLimiterStore, type LimiterStore } from "./limiter-store";

export type ApiLimiters = { keys: KeyRateLimiter; failedAuth: FailedAuthLimiter; store: LimiterStore };

const shared = globalThis as unknown as { __keysmithApiLimiters?: ApiLimiters };

export function apiLimiters(): ApiLimiters {
  if (!shared.__keysmithApiLimiters) {
    const store = createLimiterStore();
    shared.__keysmithApiLimiters = { store, keys: createKeyRateLimiter(store), failedAuth: createFailedAuthLimiter(store) };
  }
  return shared.__keysmithApiLimiters;
}

export function closeApiLimiters(): void {
  shared.__keysmithApiLimiters?.store.close();
  shared.__keysmithApiLimiters = undefined;
}
