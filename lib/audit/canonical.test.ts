import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical";

describe("canonicalJson", () => {
  it("sorts keys at every depth so equal objects serialize identically", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it("drops undefined fields and writes dates as ISO strings", () => {
    expect(canonicalJson({ a: undefined, at: new Date("2026-01-02T03:04:05.006Z") })).toBe('{"at":"2026-01-02T03:04:05.006Z"}');
  });
});
