import { describe, expect, it } from "vitest";
import { CATALOG, endpointsOf, findResource } from "./catalog";
import { grants, PRESETS, presetOf, scopeProblems, toAccessMap, toScopes } from "./scopes";

describe("the catalog", () => {
  it("has unique kebab-case ids and at least one level per resource", () => {
    const ids = CATALOG.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of CATALOG) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.levels.length).toBeGreaterThan(0);
    }
  });

  it("models accounts as read-only and data-privacy as write-only", () => {
    expect(endpointsOf(findResource("accounts")!).map((e) => e.method)).toEqual(["GET", "GET"]);
    expect(endpointsOf(findResource("data-privacy")!).map((e) => e.method)).toEqual(["POST", "PATCH", "DELETE"]);
    expect(endpointsOf(findResource("profiles")!)).toContainEqual({ method: "PATCH", path: "/api/v1/profiles/{id}", level: "write" });
  });
});

describe("grants", () => {
  it("lets write imply read, never the reverse", () => {
    expect(grants(["profiles:write"], "profiles:read")).toBe(true);
    expect(grants(["profiles:read"], "profiles:write")).toBe(false);
    expect(grants(["profiles:read"], "profiles:read")).toBe(true);
  });

  it("never lets one resource's scope satisfy another's", () => {
    expect(grants(["lists:write"], "profiles:read")).toBe(false);
    expect(grants(["profiles-archive:write"], "profiles:read")).toBe(false);
    expect(grants([], "lists:read")).toBe(false);
  });
});

describe("scopeProblems", () => {
  it("accepts valid scopes", () => {
    expect(scopeProblems(["profiles:write", "accounts:read", "data-privacy:write"])).toEqual([]);
  });

  it.each([
    ["unknown resource", "wallets:read", "names no resource of the catalog"],
    ["a level a read-only resource lacks", "accounts:write", "Accounts is read-only"],
    ["a level a write-only resource lacks", "data-privacy:read", "Data privacy has no read endpoints"],
    ["not a scope", "profiles:admin", "is not a scope (expected resource:read or resource:write)"],
    ["wildcard", "*", "is not a scope (expected resource:read or resource:write)"],
  ])("refuses %s", (_label, scope, problem) => {
    expect(scopeProblems([scope])).toEqual([{ scope, problem }]);
  });

  it("refuses two grants for one resource", () => {
    expect(scopeProblems(["lists:read", "lists:write"])).toEqual([{ scope: "lists:write", problem: "grants lists twice" }]);
  });
});

describe("matrix conversion", () => {
  it("normalizes to one scope per resource, in catalog order, keeping the highest", () => {
    expect(toScopes(toAccessMap(["tags:read", "lists:read", "lists:write", "junk"]))).toEqual(["lists:write", "tags:read"]);
  });

  it("recognises the presets and anything else as custom", () => {
    const readOnly = PRESETS["read-only"]();
    expect(readOnly.accounts).toBe("read");
    expect(readOnly["data-privacy"]).toBe("none");
    expect(presetOf(readOnly)).toBe("read-only");
    const full = PRESETS["full-access"]();
    expect(full.accounts).toBe("read");
    expect(full["data-privacy"]).toBe("write");
    expect(presetOf(full)).toBe("full-access");
    expect(presetOf({ ...full, lists: "read" })).toBe("custom");
    expect(scopeProblems(toScopes(full))).toEqual([]);
    expect(scopeProblems(toScopes(readOnly))).toEqual([]);
  });
});
