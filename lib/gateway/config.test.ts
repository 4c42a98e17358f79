import { describe, expect, it } from "vitest";
import { DEFAULT_UPSTREAM_TIMEOUT_MS, GatewayConfigError, readGatewayConfig } from "./config";

const SECRET = "s".repeat(32);
const read = (env: Record<string, string | undefined>) => readGatewayConfig({ UPSTREAM_SECRET: SECRET, ...env });

describe("readGatewayConfig", () => {
  it("is off without UPSTREAM_URL", () => {
    expect(readGatewayConfig({})).toBeNull();
    expect(readGatewayConfig({ UPSTREAM_URL: "  " })).toBeNull();
  });

  it("refuses gateway settings without UPSTREAM_URL: the operator meant to turn it on", () => {
    expect(() => readGatewayConfig({ UPSTREAM_SECRET: SECRET })).toThrow(/UPSTREAM_SECRET set without UPSTREAM_URL/);
  });

  it("reads the origin, prefix, timeout and both secrets", () => {
    const config = read({
      UPSTREAM_URL: "https://api.internal:8443",
      UPSTREAM_PATH_PREFIX: "/v2/base",
      UPSTREAM_TIMEOUT_MS: "2500",
      UPSTREAM_SECRET_PREVIOUS: "p".repeat(40),
    });
    expect(config).toEqual({
      origin: new URL("https://api.internal:8443"),
      pathPrefix: "/v2/base",
      timeoutMs: 2500,
      secrets: [SECRET, "p".repeat(40)],
    });
  });

  it("defaults to no prefix, a 30 s timeout and one secret", () => {
    expect(read({ UPSTREAM_URL: "http://127.0.0.1:4100/" })).toEqual({
      origin: new URL("http://127.0.0.1:4100"),
      pathPrefix: "",
      timeoutMs: DEFAULT_UPSTREAM_TIMEOUT_MS,
      secrets: [SECRET],
    });
  });

  it.each([
    ["not a URL", { UPSTREAM_URL: "upstream:4100x" }, /UPSTREAM_URL/],
    ["another scheme", { UPSTREAM_URL: "ftp://upstream" }, /http or https/],
    ["credentials", { UPSTREAM_URL: "http://user:pass@upstream" }, /user name or password/],
    ["a query", { UPSTREAM_URL: "http://upstream/?a=1" }, /query or fragment/],
    ["a fragment", { UPSTREAM_URL: "http://upstream/#x" }, /query or fragment/],
    ["a path", { UPSTREAM_URL: "http://upstream/v2" }, /UPSTREAM_PATH_PREFIX/],
    ["a prefix with a trailing slash", { UPSTREAM_URL: "http://upstream", UPSTREAM_PATH_PREFIX: "/v2/" }, /trailing slash/],
    ["a prefix without a leading slash", { UPSTREAM_URL: "http://upstream", UPSTREAM_PATH_PREFIX: "v2" }, /UPSTREAM_PATH_PREFIX/],
    ["a prefix with a dot-dot segment", { UPSTREAM_URL: "http://upstream", UPSTREAM_PATH_PREFIX: "/v2/.." }, /\. or \.\./],
    ["a prefix with an encoded character", { UPSTREAM_URL: "http://upstream", UPSTREAM_PATH_PREFIX: "/v%2F2" }, /UPSTREAM_PATH_PREFIX/],
    ["a zero timeout", { UPSTREAM_URL: "http://upstream", UPSTREAM_TIMEOUT_MS: "0" }, /UPSTREAM_TIMEOUT_MS/],
    ["a fractional timeout", { UPSTREAM_URL: "http://upstream", UPSTREAM_TIMEOUT_MS: "1.5" }, /UPSTREAM_TIMEOUT_MS/],
    ["a timeout in words", { UPSTREAM_URL: "http://upstream", UPSTREAM_TIMEOUT_MS: "30s" }, /UPSTREAM_TIMEOUT_MS/],
    ["no secret", { UPSTREAM_URL: "http://upstream", UPSTREAM_SECRET: undefined }, /UPSTREAM_SECRET must be at least 32/],
    ["a short secret", { UPSTREAM_URL: "http://upstream", UPSTREAM_SECRET: "short" }, /UPSTREAM_SECRET must be at least 32/],
    ["a short previous secret", { UPSTREAM_URL: "http://upstream", UPSTREAM_SECRET_PREVIOUS: "short" }, /UPSTREAM_SECRET_PREVIOUS/],
  ])("stops the start on %s, naming the variable", (_, env, message) => {
    expect(() => read(env)).toThrow(GatewayConfigError);
    expect(() => read(env)).toThrow(message);
  });
});
