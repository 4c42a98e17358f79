import { describe, expect, it } from "vitest";
import { canonicalString, type SignedRequest, scopesHeader, signUpstreamRequest, verifyUpstreamSignature } from "./signature";

const SECRET = "upstream-secret-for-tests-0123456789";
const T = 1_800_000_000;
const REQUEST: SignedRequest = {
  method: "GET",
  path: "/v2/profiles?limit=10",
  keyId: "key_1",
  workspaceId: "ws_1",
  scopes: scopesHeader(["profiles:read", "lists:write"]),
  requestId: "mhz3k2a1b0123456789abcdef",
};
const signed = (overrides: Partial<SignedRequest> = {}, secret: string | string[] = SECRET, timestamp = T) =>
  signUpstreamRequest({ ...REQUEST, ...overrides, secret, timestamp });
const verify = (header: string | null | undefined, overrides: Partial<SignedRequest> = {}, secret: string | string[] = SECRET, now = T) =>
  verifyUpstreamSignature({ ...REQUEST, ...overrides, secret, header, now });

describe("signUpstreamRequest", () => {
  it("writes t and one v1 HMAC-SHA256 over the canonical text", () => {
    expect(signed()).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(canonicalString(T, REQUEST)).toBe(
      "keysmith-v1\n1800000000\nGET\n/v2/profiles?limit=10\nkey_1\nws_1\nprofiles:read lists:write\nmhz3k2a1b0123456789abcdef",
    );
  });

  it("refuses an empty secret, a timestamp that is not whole seconds and a field with a line break", () => {
    expect(() => signed({}, "")).toThrow(TypeError);
    expect(() => signed({}, [])).toThrow(TypeError);
    expect(() => signed({}, SECRET, 1.5)).toThrow(TypeError);
    expect(() => signed({}, SECRET, -1)).toThrow(TypeError);
    expect(() => signed({ keyId: "key_1\nws_2" })).toThrow(TypeError);
    expect(() => signed({ path: "/v2\r\nx" })).toThrow(TypeError);
  });
});

describe("verifyUpstreamSignature", () => {
  it("accepts what it signed, within the tolerance either way", () => {
    expect(verify(signed())).toEqual({ ok: true });
    expect(verify(signed(), {}, SECRET, T + 300)).toEqual({ ok: true });
    expect(verify(signed(), {}, SECRET, T - 300)).toEqual({ ok: true });
    expect(verify(` ${signed().replace(",", " , ")} `)).toEqual({ ok: true });
  });

  it.each<[string, Partial<SignedRequest>]>([
    ["method", { method: "DELETE" }],
    ["method's case", { method: "get" }],
    ["path", { path: "/v2/profiles/1" }],
    ["query", { path: "/v2/profiles?limit=11" }],
    ["key id", { keyId: "key_2" }],
    ["workspace id", { workspaceId: "ws_2" }],
    ["scopes", { scopes: "profiles:read lists:write tags:write" }],
    ["scopes' order", { scopes: "lists:write profiles:read" }],
    ["request id", { requestId: "mhz3k2a1b0123456789abcdee" }],
  ])("refuses an altered %s as a mismatch", (_, altered) => {
    expect(verify(signed(), altered)).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses a field moved into its neighbour, which a plain concatenation would not see", () => {
    const header = signed({ keyId: "key_1", workspaceId: "ws_1" });
    expect(verify(header, { keyId: "key_1ws_1", workspaceId: "" })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses an altered timestamp or signature, another secret and a received line break as a mismatch", () => {
    expect(verify(signed().replace("t=1800000000", "t=1800000001"))).toEqual({ ok: false, reason: "mismatch" });
    const hex = signed().slice(-64);
    const flipped = `${hex.slice(0, -1)}${hex.endsWith("0") ? "1" : "0"}`;
    expect(verify(`t=${T},v1=${flipped}`)).toEqual({ ok: false, reason: "mismatch" });
    expect(verify(signed(), {}, "another-secret")).toEqual({ ok: false, reason: "mismatch" });
    expect(verify(signed(), { path: "/v2/profiles?limit=10\n" })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses a genuine signature made outside the tolerance as expired, and only a genuine one", () => {
    expect(verify(signed(), {}, SECRET, T + 301)).toEqual({ ok: false, reason: "expired" });
    expect(verify(signed(), {}, SECRET, T - 301)).toEqual({ ok: false, reason: "expired" });
    expect(verifyUpstreamSignature({ ...REQUEST, secret: SECRET, header: signed(), now: T + 31, toleranceSeconds: 30 })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(verify(signed(), { method: "POST" }, SECRET, T + 301)).toEqual({ ok: false, reason: "mismatch" });
  });

  it("checks the time against the clock when no now is given", () => {
    const now = Math.floor(Date.now() / 1000);
    expect(verifyUpstreamSignature({ ...REQUEST, secret: SECRET, header: signed({}, SECRET, now) })).toEqual({ ok: true });
    expect(verifyUpstreamSignature({ ...REQUEST, secret: SECRET, header: signed({}, SECRET, now - 600) })).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("says missing for no header at all", () => {
    expect(verify(undefined)).toEqual({ ok: false, reason: "missing" });
    expect(verify(null)).toEqual({ ok: false, reason: "missing" });
    expect(verify("")).toEqual({ ok: false, reason: "missing" });
  });

  const v1 = "a".repeat(64);
  it.each([
    ["no timestamp", `v1=${v1}`],
    ["no signature", `t=${T}`],
    ["two timestamps", `t=${T},t=${T},v1=${v1}`],
    ["a timestamp that is not a number", `t=soon,v1=${v1}`],
    ["a negative timestamp", `t=-5,v1=${v1}`],
    ["an empty timestamp", `t=,v1=${v1}`],
    ["a signature too short", `t=${T},v1=${v1.slice(1)}`],
    ["a signature in upper case", `t=${T},v1=${v1.toUpperCase()}`],
    ["a signature that is not hex", `t=${T},v1=${"z".repeat(64)}`],
    ["a part without a value", `t=${T},v1`],
    ["a part with two =", `t=${T},v1=${v1}=`],
    ["an empty part", `t=${T},,v1=${v1}`],
    ["only another scheme", `t=${T},v2=${v1}`],
    ["too many signatures", `t=${T},${Array(9).fill(`v1=${v1}`).join(",")}`],
    ["a header too long", `t=${T},v1=${v1},x=${"y".repeat(1024)}`],
    ["a different format", `sha256=${v1}`],
  ])("says malformed for %s", (_, header) => {
    expect(verify(header)).toEqual({ ok: false, reason: "malformed" });
  });

  it("skips a scheme it does not know beside v1", () => {
    expect(verify(`${signed()},v2=${v1}`)).toEqual({ ok: true });
  });

  it("refuses to verify under an empty secret, which would accept anyone who guessed it", () => {
    expect(() => verify(signed(), {}, "")).toThrow(TypeError);
    expect(() => verify(signed(), {}, [])).toThrow(TypeError);
  });
});

describe("rotating the secret", () => {
  const NEXT = "the-next-upstream-secret-9876543210";

  it("signs with each secret given, the current first, and any one of them verifies", () => {
    const header = signed({}, [NEXT, SECRET]);
    expect(header.split(",")).toEqual([`t=${T}`, signed({}, NEXT).split(",")[1], signed({}, SECRET).split(",")[1]]);
    expect(verify(header, {}, SECRET)).toEqual({ ok: true });
    expect(verify(header, {}, NEXT)).toEqual({ ok: true });
  });

  it("lets an upstream accept both while the gateway moves, in either order", () => {
    expect(verify(signed({}, SECRET), {}, [NEXT, SECRET])).toEqual({ ok: true });
    expect(verify(signed({}, NEXT), {}, [NEXT, SECRET])).toEqual({ ok: true });
    expect(verify(signed({}, "retired-secret"), {}, [NEXT, SECRET])).toEqual({ ok: false, reason: "mismatch" });
    expect(verify(signed({}, [NEXT, SECRET]), { method: "PUT" }, [NEXT, SECRET])).toEqual({ ok: false, reason: "mismatch" });
  });
});
