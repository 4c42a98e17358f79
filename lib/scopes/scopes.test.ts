import { describe, expect, it } from "vitest";
import { catalogWithout, defaultCatalog } from "@/lib/testing/catalogs";
import { effectiveScopes, goneScopes, grants, PRESETS, presetOf, scopeProblems, toAccessMap, toScopes } from "./scopes";

const catalog = defaultCatalog();

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
    expect(scopeProblems(catalog, ["profiles:write", "accounts:read", "data-privacy:write"])).toEqual([]);
  });

  it.each([
    ["unknown resource", "wallets:read", "names no resource of the catalog"],
    ["a level a read-only resource lacks", "accounts:write", "Accounts is read-only"],
    ["a level a write-only resource lacks", "data-privacy:read", "Data privacy has no read endpoints"],
    ["not a scope", "profiles:admin", "is not a scope (expected resource:read or resource:write)"],
    ["wildcard", "*", "is not a scope (expected resource:read or resource:write)"],
  ])("refuses %s", (_label, scope, problem) => {
    expect(scopeProblems(catalog, [scope])).toEqual([{ scope, problem }]);
  });

  it("refuses two grants for one resource", () => {
    expect(scopeProblems(catalog, ["lists:read", "lists:write"])).toEqual([{ scope: "lists:write", problem: "grants lists twice" }]);
  });
});

describe("scopes no longer in the catalog", () => {
  it("are inert: the effective scopes leave out a removed resource, and a removed level", () => {
    const withoutCoupons = catalogWithout("coupons");
    expect(effectiveScopes(withoutCoupons, ["coupons:read", "profiles:read"])).toEqual(["profiles:read"]);
    expect(goneScopes(withoutCoupons, ["coupons:read", "profiles:read"])).toEqual(["coupons:read"]);
    // profiles made read-only: a stored write grants nothing, not even read.
    const readOnlyProfiles = {
      ...catalog,
      resources: catalog.resources.map((r) =>
        r.id === "profiles" ? { ...r, levels: ["read" as const], routes: r.routes.filter((route) => route.level === "read") } : r,
      ),
    };
    expect(effectiveScopes(readOnlyProfiles, ["profiles:write"])).toEqual([]);
    expect(toAccessMap(readOnlyProfiles, ["profiles:write"]).profiles).toBe("none");
  });
});

describe("matrix conversion", () => {
  it("normalizes to one scope per resource, in catalog order, keeping the highest", () => {
    expect(toScopes(catalog, toAccessMap(catalog, ["tags:read", "lists:read", "lists:write", "junk"]))).toEqual([
      "lists:write",
      "tags:read",
    ]);
  });

  it("recognises the presets and anything else as custom", () => {
    const readOnly = PRESETS["read-only"](catalog);
    expect(readOnly.accounts).toBe("read");
    expect(readOnly["data-privacy"]).toBe("none");
    expect(presetOf(catalog, readOnly)).toBe("read-only");
    const full = PRESETS["full-access"](catalog);
    expect(full.accounts).toBe("read");
    expect(full["data-privacy"]).toBe("write");
    expect(presetOf(catalog, full)).toBe("full-access");
    expect(presetOf(catalog, { ...full, lists: "read" })).toBe("custom");
    expect(scopeProblems(catalog, toScopes(catalog, full))).toEqual([]);
    expect(scopeProblems(catalog, toScopes(catalog, readOnly))).toEqual([]);
  });
});
