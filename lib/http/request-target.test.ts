import { describe, expect, it } from "vitest";
import { parseRequestTarget } from "./request-target";

describe("parseRequestTarget", () => {
  it("keeps an origin-form path as it is", () => {
    expect(parseRequestTarget("GET", "/keys?status=active")).toEqual({ kind: "path", path: "/keys?status=active" });
    expect(parseRequestTarget("GET", "//evil.test/x")).toEqual({ kind: "path", path: "//evil.test/x" });
  });

  it("reduces the absolute-form to its path", () => {
    expect(parseRequestTarget("GET", "http://keys.example.com/api/v1/health?x=1")).toEqual({ kind: "path", path: "/api/v1/health?x=1" });
  });

  it("answers OPTIONS * as a question about the server", () => {
    expect(parseRequestTarget("OPTIONS", "*")).toEqual({ kind: "server" });
  });

  it.each([
    ["GET", "*"],
    ["CONNECT", "keys.example.com:443"],
    ["GET", "keys"],
    ["GET", ""],
    ["GET", undefined],
    ["GET", "http://["],
    ["GET", "javascript:alert(1)"],
  ])("refuses %s %j", (method, target) => {
    expect(parseRequestTarget(method, target)).toEqual({ kind: "invalid" });
  });
});
