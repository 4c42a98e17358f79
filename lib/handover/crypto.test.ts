import { describe, expect, it } from "vitest";
import { generateKey } from "@/lib/api-keys/key-format";
import { newOneTimeToken } from "@/lib/auth/one-time-token";
import { openHandoverSeal, sealForHandover } from "./crypto";

const binding = { handoverId: "handover-1", keyId: "key-1" };
// A fresh key each run: no key-shaped string is ever committed.
const secret = generateKey();

describe("the handover seal", () => {
  it("opens with the token it was sealed under, for the same handover and key", () => {
    const { token } = newOneTimeToken();
    const sealed = sealForHandover(secret, token, binding);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(secret);
    expect(openHandoverSeal(sealed, token, binding)).toBe(secret);
  });

  it("seals the same secret differently each time (random salt and IV)", () => {
    const { token } = newOneTimeToken();
    expect(sealForHandover(secret, token, binding)).not.toBe(sealForHandover(secret, token, binding));
  });

  it("does not open with another token, not even the token's stored hash", () => {
    const { token, hash } = newOneTimeToken();
    const sealed = sealForHandover(secret, token, binding);
    expect(openHandoverSeal(sealed, newOneTimeToken().token, binding)).toBeNull();
    expect(openHandoverSeal(sealed, hash, binding)).toBeNull();
  });

  it("does not open moved to another handover or key (the seal is bound to both)", () => {
    const { token } = newOneTimeToken();
    const sealed = sealForHandover(secret, token, binding);
    expect(openHandoverSeal(sealed, token, { ...binding, handoverId: "handover-2" })).toBeNull();
    expect(openHandoverSeal(sealed, token, { ...binding, keyId: "key-2" })).toBeNull();
  });

  it("refuses an altered, truncated, emptied or foreign value", () => {
    const { token } = newOneTimeToken();
    const sealed = sealForHandover(secret, token, binding);
    const [version, salt, iv, body] = sealed.split(".") as [string, string, string, string];
    const flipped = Buffer.from(body, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    for (const altered of [
      [version, salt, iv, flipped.toString("base64url")].join("."),
      [version, salt, iv, body.slice(0, 10)].join("."),
      ["v2", salt, iv, body].join("."),
      [version, salt, iv].join("."),
      `${sealed}.extra`,
      "",
      "not a seal",
    ]) {
      expect(openHandoverSeal(altered, token, binding), altered).toBeNull();
    }
  });
});
