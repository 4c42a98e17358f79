import { describe, expect, it } from "vitest";
import { z } from "zod";
import { signInSchema } from "./sign-in";

function errorsFor(input: Record<string, unknown>) {
  const result = signInSchema.safeParse(input);
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
}

describe("signInSchema", () => {
  it("accepts a valid email and password, normalizing the email", () => {
    expect(signInSchema.parse({ email: "  Owner@Acme.TEST ", password: "keysmith-demo" })).toMatchObject({
      email: "owner@acme.test",
      callbackUrl: "/keys",
    });
  });

  it.each([
    ["an empty email", { email: "", password: "x" }, "email", "Enter your email."],
    ["a missing email", { password: "x" }, "email", "Enter your email."],
    ["a malformed email", { email: "owner-at-acme", password: "x" }, "email", "Enter an email address like name@example.com."],
    ["a 10 kB email", { email: `${"a".repeat(10_240)}@acme.test`, password: "x" }, "email", "An email address has at most 254 characters."],
    ["an empty password", { email: "owner@acme.test", password: "" }, "password", "Enter your password."],
    ["a 10 kB password", { email: "owner@acme.test", password: "p".repeat(10_240) }, "password", "A password has at most 256 characters."],
    ["a password that is not text", { email: "owner@acme.test", password: 12345 }, "password", "Enter your password."],
  ])("refuses %s with a message naming the field", (_label, input, field, message) => {
    expect(errorsFor(input)).toEqual({ [field]: [message] });
  });

  it.each(["/members", "/keys?status=active"])("keeps a same-site callback %s", (callbackUrl) => {
    expect(signInSchema.parse({ email: "a@b.test", password: "x", callbackUrl }).callbackUrl).toBe(callbackUrl);
  });

  it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "keys", `/${"x".repeat(3000)}`])(
    "replaces an off-site or malformed callback %s with /keys",
    (callbackUrl) => {
      expect(signInSchema.parse({ email: "a@b.test", password: "x", callbackUrl }).callbackUrl).toBe("/keys");
    },
  );
});
