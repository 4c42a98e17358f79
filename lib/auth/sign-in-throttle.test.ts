// Throttling shared through Redis, as two instances of the server would share it, and what happens
// when Redis cannot be reached. Uses the local Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379).
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ACCOUNT_FAILURES, createSignInThrottle, type SignInThrottle } from "./sign-in-throttle";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const opened: SignInThrottle[] = [];
const open = (url?: string) => {
  const throttle = createSignInThrottle(url);
  opened.push(throttle);
  return throttle;
};
const account = () => `throttle-${randomBytes(6).toString("hex")}@example.test`;

afterEach(() => {
  for (const throttle of opened.splice(0)) throttle.close();
});

describe("sign-in throttling", () => {
  it("with REDIS_URL, counts an account's failures across instances", async () => {
    const [first, second] = [open(REDIS_URL), open(REDIS_URL)];
    await Promise.all([first.shared(), second.shared()]);
    const email = account();
    for (let i = 0; i < ACCOUNT_FAILURES; i++) await (i % 2 ? first : second).account.penalty(email);
    expect((await second.account.get(email))?.remainingPoints).toBe(0);
    expect((await first.account.get(email))?.remainingPoints).toBe(0);
    await first.account.delete(email);
  });

  it("without REDIS_URL, counts in each process's memory only", async () => {
    const [first, second] = [open(undefined), open(undefined)];
    const email = account();
    await first.account.penalty(email, ACCOUNT_FAILURES);
    expect((await first.account.get(email))?.remainingPoints).toBe(0);
    expect(await second.account.get(email)).toBeNull();
  });

  it("still throttles, in memory, when Redis cannot be reached", async () => {
    const unreachable = open("redis://127.0.0.1:1");
    const email = account();
    await unreachable.account.penalty(email, ACCOUNT_FAILURES);
    expect((await unreachable.account.get(email))?.remainingPoints).toBe(0);
  });
});
