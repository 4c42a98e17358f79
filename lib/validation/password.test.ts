import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { COMMON_PASSWORD, newPasswordSchema } from "./password";

const refusal = (password: unknown) => {
  const result = newPasswordSchema.safeParse(password);
  return result.success ? null : result.error.issues[0]?.message;
};

describe("a new password", () => {
  it.each([
    ["11 characters", "abcdefghijk", "Use at least 12 characters."],
    ["4,000 characters", "x".repeat(4_000), "A password has at most 128 characters."],
    ["129 characters", "x".repeat(129), "A password has at most 128 characters."],
    ["not text", 123456789012, "Enter a password."],
    ["a common password of 12 characters", "qwerty123456", COMMON_PASSWORD],
    ["a common password in other case", "LeaveMeAlone", COMMON_PASSWORD],
  ])("is refused with %s", (_case, password, message) => {
    expect(refusal(password)).toBe(message);
  });

  it("accepts 12 to 128 characters of any Unicode, counting an emoji as one character", () => {
    expect(refusal("correct horse battery")).toBeNull();
    expect(refusal("x".repeat(128))).toBeNull();
    expect(refusal("🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑")).toBeNull();
    expect(refusal("пароль для ключей")).toBeNull();
  });

  it("is normalized to NFKC, and sign-in verifies the same password however it is composed", async () => {
    const composed = "café crème brûlée";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    expect(newPasswordSchema.parse(decomposed)).toBe(composed);
    const stored = await hashPassword(decomposed);
    expect(await verifyPassword(stored, composed)).toBe(true);
    expect(await verifyPassword(stored, "cafe creme brulee")).toBe(false);
  });
});
