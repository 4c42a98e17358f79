import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { displayParts, generateKey, hashKey, isWellFormedKey, KEY_LENGTH, maskedKey, randomBase62 } from "./key-format";

describe("key format", () => {
  it("is ksk_ + 30 base62 characters + a 6-character checksum", () => {
    const key = generateKey();
    expect(key).toMatch(/^ksk_[0-9A-Za-z]{36}$/);
    expect(key).toHaveLength(KEY_LENGTH);
    expect(isWellFormedKey(key)).toBe(true);
  });

  it("rejects any single-character typo through the checksum", () => {
    const key = generateKey();
    for (let i = 4; i < key.length; i++) {
      const replacement = key[i] === "a" ? "b" : "a";
      expect(isWellFormedKey(key.slice(0, i) + replacement + key.slice(i + 1))).toBe(false);
    }
  });

  it.each([
    ["empty", ""],
    ["wrong prefix", `sk_live_${"a".repeat(36)}`],
    ["too short", "ksk_abc"],
    ["too long", `${"ksk_"}${"a".repeat(37)}`],
    ["non-base62", `ksk_${"a".repeat(29)}-${"a".repeat(6)}`],
    ["whitespace", ` ksk_${"a".repeat(36)}`],
  ])("refuses a malformed candidate (%s) without any lookup", (_label, candidate) => {
    expect(isWellFormedKey(candidate)).toBe(false);
  });

  it("never repeats across many keys", () => {
    const keys = new Set(Array.from({ length: 5000 }, generateKey));
    expect(keys.size).toBe(5000);
  });
});

describe("entropy source", () => {
  it("draws every character from the CSPRNG, uniformly over base62", () => {
    const counts = new Map<string, number>();
    const sample = randomBase62(62 * 2000);
    for (const ch of sample) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // Each character is expected 2000 times; a biased mapping (byte % 62 without rejection) would
    // give the first 8 characters about 2250.
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(1750);
      expect(count).toBeLessThan(2250);
    }
  });

  it("discards bytes that would bias the distribution", () => {
    const bytes = Buffer.from([255, 250, 248, 0, 61, 62, 247]);
    // 255, 250 and 248 are dropped; 0 -> "0", 61 -> "z", 62 -> "0", 247 -> "z".
    expect(randomBase62(4, () => bytes)).toBe("0z0z");
  });
});

describe("stored form", () => {
  it("is the SHA-256 of the whole key, and the display parts reveal 8 of its 40 characters", () => {
    const key = generateKey();
    expect(hashKey(key)).toBe(createHash("sha256").update(key).digest("hex"));
    const parts = displayParts(key);
    expect(parts.prefix).toBe(key.slice(0, 8));
    expect(parts.last4).toBe(key.slice(-4));
    expect(maskedKey(parts)).toBe(`${key.slice(0, 8)}…${key.slice(-4)}`);
  });
});
