import { afterAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/testing/factories";
import { checkCredentials, credentialChecker } from "./credentials";
import { hashPassword, verifyPassword } from "./password";
import { ACCOUNT_FAILURES, createSignInThrottle } from "./sign-in-throttle";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisThrottle = createSignInThrottle(REDIS_URL);
afterAll(() => redisThrottle.close());

async function userWithPassword(password: string) {
  return createUser("Signing In", await hashPassword(password));
}

describe("password hashing", () => {
  it("uses argon2id with a per-hash salt and verifies only the right password", async () => {
    const first = await hashPassword("correct horse");
    const second = await hashPassword("correct horse");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, "correct horse")).toBe(true);
    expect(await verifyPassword(first, "correct horse ")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});

describe("checkCredentials", () => {
  it("accepts the right password, whatever the email's case", async () => {
    const user = await userWithPassword("s3cret-pass");
    const result = await checkCredentials(user.email.toUpperCase(), "s3cret-pass", "192.0.2.1");
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name } });
  });

  it("answers a wrong password and an unknown email alike", async () => {
    const user = await userWithPassword("s3cret-pass");
    expect(await checkCredentials(user.email, "wrong", "192.0.2.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials("nobody@example.test", "wrong", "192.0.2.2")).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles an account after 10 failures, even for the right password, and says when to retry", async () => {
    const user = await userWithPassword("s3cret-pass");
    for (let i = 0; i < 10; i++) expect((await checkCredentials(user.email, `guess-${i}`, `198.51.100.${i}`)).ok).toBe(false);
    const blocked = await checkCredentials(user.email, "s3cret-pass", "198.51.100.99");
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    expect(blocked.ok === false && blocked.reason === "throttled" && blocked.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("does not let failures against one account lock out another", async () => {
    const victim = await userWithPassword("victim-pass");
    const other = await userWithPassword("other-pass");
    for (let i = 0; i < 10; i++) await checkCredentials(victim.email, "nope", `203.0.113.${i}`);
    expect((await checkCredentials(other.email, "other-pass", "203.0.113.50")).ok).toBe(true);
  });
});

describe.each([
  ["in memory", () => createSignInThrottle(undefined)],
  ["shared through Redis", () => redisThrottle],
])("40 concurrent wrong passwords for one account, %s", (_store, throttle) => {
  it("check at most 10 passwords; the rest are throttled before any check", async () => {
    const limiter = throttle();
    await limiter.shared();
    const check = credentialChecker(limiter);
    const user = await userWithPassword("s3cret-pass");
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => check(user.email, `guess-${i}`, `192.0.2.${i}`)));
    const invalid = results.filter((r) => !r.ok && r.reason === "invalid");
    const throttled = results.filter((r) => !r.ok && r.reason === "throttled");
    expect(invalid.length).toBeLessThanOrEqual(ACCOUNT_FAILURES);
    expect(invalid.length + throttled.length).toBe(40);
    expect(await check(user.email, "s3cret-pass", "192.0.2.200")).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("a success gives the allowance back: the account is not locked by its own sign-ins", async () => {
    const check = credentialChecker(throttle());
    const user = await userWithPassword("s3cret-pass");
    for (let i = 0; i < ACCOUNT_FAILURES + 5; i++) expect((await check(user.email, "s3cret-pass", "192.0.2.77")).ok).toBe(true);
  });
});
