import { describe, expect, it } from "vitest";
import { z } from "zod";
import { safeCallbackPath, signInSchema } from "./sign-in";

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

// Every shape that a browser, a router or a later decoding could turn into another origin.
const OFF_SITE = [
  "/.//evil.test",
  "/././/evil.test",
  "/..//evil.test",
  "/a/..//evil.test",
  "/%2e//evil.test",
  "/%2E%2E//evil.test",
  "//evil.test",
  "///evil.test",
  "/\\evil.test",
  "\\evil.test",
  "/\\/evil.test",
  "/%5Cevil.test",
  "/%5cevil.test",
  "/%2F/evil.test",
  "/%2f%2fevil.test",
  "/%252F%252Fevil.test",
  "/\t/evil.test",
  "/\n/evil.test",
  "/\r/evil.test",
  "/%09/evil.test",
  "/%0a/evil.test",
  " //evil.test",
  "/keys\u200b",
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "https://evil.test/",
  "http://evil.test",
  "https:evil.test",
  "HTTPS://evil.test",
  "ftp://evil.test/",
  "http://keysmith.invalid@evil.test/",
  "http://localhost:3000@evil.test/",
  "//user:pass@evil.test",
  "https://localhost:3000.evil.test/",
  "http://localhost:3000/keys",
  "keys",
  "evil.test",
  "?next=/keys",
  "#top",
  "/%E0%A4%A",
  "",
];

describe("safeCallbackPath", () => {
  it.each(OFF_SITE)("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBeUndefined();
    expect(safeCallbackPath(value, "https://keys.example.com")).toBeUndefined();
  });

  it.each([
    ["/keys", "/keys"],
    ["/keys?status=active&sort=name", "/keys?status=active&sort=name"],
    ["/keys/abc/edit#scopes", "/keys/abc/edit#scopes"],
    ["/keys/./new", "/keys/new"],
    ["/usage/../members", "/members"],
    ["/@evil.test", "/@evil.test"],
    ["/search?q=//evil.test", "/search?q=//evil.test"],
  ])("keeps the same-site path %j as %j", (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });

  it("keeps an absolute URL only when it names the site's own origin, and passes only its path", () => {
    const origin = "https://keys.example.com";
    expect(safeCallbackPath("https://keys.example.com/members?x=1", origin)).toBe("/members?x=1");
    expect(safeCallbackPath("https://keys.example.com.evil.test/members", origin)).toBeUndefined();
    expect(safeCallbackPath("http://keys.example.com/members", origin)).toBeUndefined();
    expect(safeCallbackPath("https://keys.example.com:444/members", origin)).toBeUndefined();
  });

  it("what it returns is itself a same-site path (idempotent)", () => {
    for (const value of ["/keys/./new", "/usage/../members?x=%2F", "/a/b/../../keys"]) {
      const once = safeCallbackPath(value);
      expect(once).toBeDefined();
      expect(safeCallbackPath(once)).toBe(once);
      expect(new URL(once!, "https://keys.example.com").origin).toBe("https://keys.example.com");
    }
  });
});
