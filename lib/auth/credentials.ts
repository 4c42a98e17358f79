// Checks an email and password. Unknown email and wrong password give the same answer in the same
// time, and repeated failures from one address or against one account are slowed down.
import { RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { decoyPasswordHash, verifyPassword } from "./password";
import { type SignInThrottle, signInThrottle } from "./sign-in-throttle";

export type CredentialCheck =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Each attempt takes its allowance from both limiters BEFORE the password is checked, and a success
 * gives it back. Reading the counts first and counting the failure after the (slow, argon2) check let
 * 40 concurrent guesses all pass the read before any failure was counted: 13-15 passwords were tried
 * where the limit is 10. Taking the point first is atomic in the store, so at most ACCOUNT_FAILURES
 * passwords are ever checked per account and window, however many requests arrive at once.
 */
export function credentialChecker(throttle: SignInThrottle) {
  return async function checkCredentials(email: string, password: string, ip: string | null): Promise<CredentialCheck> {
    const accountKey = email.toLowerCase();
    const addressKey = ip ?? "unknown";
    const taken = await Promise.allSettled([throttle.account.consume(accountKey), throttle.address.consume(addressKey)]);
    const refused = taken.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
    if (refused.length) {
      const other = refused.find((reason) => !(reason instanceof RateLimiterRes));
      if (other) throw other;
      const waitMs = Math.max(...refused.map((reason) => (reason as RateLimiterRes).msBeforeNext));
      return { ok: false, reason: "throttled", retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }

    const user = await db.user.findUnique({
      where: { email: accountKey },
      select: { id: true, email: true, name: true, passwordHash: true },
    });
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (user && valid) {
      // A success clears the account's count and returns the address its point: only failures count.
      await Promise.all([throttle.account.delete(accountKey), throttle.address.reward(addressKey, 1)]);
      return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
    }
    return { ok: false, reason: "invalid" };
  };
}

export const checkCredentials = credentialChecker(signInThrottle);
