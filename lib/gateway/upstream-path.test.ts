import { describe, expect, it } from "vitest";
import { upstreamTarget } from "./upstream-path";

/** The pathname the router matched, as handler.ts parses it. */
const routed = (target: string) => new URL(target, "http://api.invalid").pathname;
const map = (target: string, prefix = "/v2") => upstreamTarget(target, routed(target), prefix);

describe("upstreamTarget", () => {
  it("puts the prefix before the path below /api/v1 and keeps the query byte for byte", () => {
    expect(map("/api/v1/profiles")).toBe("/v2/profiles");
    expect(map("/api/v1/profiles/42?limit=2&b=%20x+y&b")).toBe("/v2/profiles/42?limit=2&b=%20x+y&b");
    expect(map("/api/v1/profiles/")).toBe("/v2/profiles/");
    expect(map("/api/v1/profiles/caf%C3%A9")).toBe("/v2/profiles/caf%C3%A9");
    expect(map("/api/v1/profiles?", "")).toBe("/profiles?");
  });

  it.each([
    ["a dot-dot segment", "/api/v1/profiles/../admin"],
    ["a dot segment", "/api/v1/./profiles"],
    ["an encoded dot-dot", "/api/v1/profiles/%2e%2e"],
    ["a half-encoded dot-dot", "/api/v1/profiles/.%2E"],
    ["an encoded dot", "/api/v1/profiles/%2E"],
    ["an encoded slash", "/api/v1/profiles/..%2fadmin"],
    ["an encoded slash in upper case", "/api/v1/profiles/a%2Fb"],
    ["an encoded backslash", "/api/v1/profiles/a%5Cb"],
    ["a backslash", "/api/v1/profiles\\..\\admin"],
  ])("refuses %s, which the upstream could resolve to another path", (_, target) => {
    expect(map(target)).toBeNull();
  });

  it("refuses a target whose path is not the one the route was matched on", () => {
    expect(upstreamTarget("/api/v1/profiles", "/api/v1/lists", "/v2")).toBeNull();
    expect(upstreamTarget("/api/v2/profiles", "/api/v2/profiles", "/v2")).toBeNull();
  });

  it("keeps dots that are not whole segments", () => {
    expect(map("/api/v1/profiles/a..b")).toBe("/v2/profiles/a..b");
    expect(map("/api/v1/profiles/.well")).toBe("/v2/profiles/.well");
  });
});
