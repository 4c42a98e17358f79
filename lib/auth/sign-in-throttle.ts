// Sign-in throttling: failed attempts per account and per address within 15 minutes (and, alike,
// wrong second-factor codes per user and password reset emails per email and per address). Counted in this
// process's memory, or in Redis when REDIS_URL is set, so that several instances share one count and a
// restart does not reset it. If Redis is unreachable, each instance falls back to its own memory
// (rate-limiter-flexible's insurance limiter) rather than letting attempts through uncounted.
import Redis from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";

const WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_FAILURES = 10;
export const ADDRESS_FAILURES = 50;
/** Wrong second-factor codes (authenticator, recovery code, passkey) per user. */
export const SECOND_FACTOR_FAILURES = 5;
/** Password reset emails asked for, per email and per address. */
export const RESET_REQUESTS_PER_EMAIL = 3;
export const RESET_REQUESTS_PER_ADDRESS = 20;
/** Attempts to open a handover link, per address (a token cannot be guessed; this keeps anyone from trying). */
export const HANDOVER_OPENS_PER_ADDRESS = 30;

export type SignInThrottle = {
  account: RateLimiterAbstract;
  address: RateLimiterAbstract;
  secondFactor: RateLimiterAbstract;
  resetEmail: RateLimiterAbstract;
  resetAddress: RateLimiterAbstract;
  handoverAddress: RateLimiterAbstract;
  /** Resolves once the counts are shared (Redis connected); at once when they are kept in memory. */
  shared(): Promise<void>;
  close(): void;
};

export function createSignInThrottle(redisUrl = process.env.REDIS_URL): SignInThrottle {
  // No offline queue: while Redis is away a count fails at once and goes to the insurance limiter.
  const client = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  let reported = false;
  client?.on("ready", () => {
    reported = false;
  });
  client?.on("error", (error) => {
    if (!reported) console.error(`[sign-in] Redis unreachable (${error.message}): throttling counts in this process until it is back`);
    reported = true;
  });
  const limiter = (keyPrefix: string, points: number) => {
    const options = { keyPrefix, points, duration: WINDOW_SECONDS };
    return client
      ? new RateLimiterRedis({ ...options, storeClient: client, insuranceLimiter: new RateLimiterMemory(options) })
      : new RateLimiterMemory(options);
  };
  return {
    account: limiter("sign-in-account", ACCOUNT_FAILURES),
    address: limiter("sign-in-address", ADDRESS_FAILURES),
    secondFactor: limiter("sign-in-second-factor", SECOND_FACTOR_FAILURES),
    resetEmail: limiter("password-reset-email", RESET_REQUESTS_PER_EMAIL),
    resetAddress: limiter("password-reset-address", RESET_REQUESTS_PER_ADDRESS),
    handoverAddress: limiter("handover-open-address", HANDOVER_OPENS_PER_ADDRESS),
    shared: () =>
      !client || client.status === "ready" ? Promise.resolve() : new Promise<void>((resolve) => client.once("ready", () => resolve())),
    close: () => client?.disconnect(),
  };
}

/** The process's one set of throttles (each instance shares it with the others through Redis). */
export const signInThrottle = createSignInThrottle();
