import { describe, expect, it } from "vitest";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { requestedGrantOf, requestQueryOf, usageViewOf } from "./usage";

const catalog = defaultCatalog();

describe("the request log's filters in a usage URL", () => {
  it("keeps what makes sense and passes it to the query", () => {
    const view = usageViewOf(catalog, {
      from: "2026-12-03T09:30",
      to: "2026-12-03T10:15:59",
      status: "422",
      path: " /api/v1/profiles ",
      ip: "2001:db8::1",
      requestId: "0mhx3k2ab1f2c3d4e5f6a7b8c",
      outcome: "denied",
      requestResource: "profiles",
    });
    expect(requestQueryOf(view)).toEqual({
      resource: "profiles",
      outcome: "denied",
      from: "2026-12-03T09:30",
      to: "2026-12-03T10:15:59",
      status: 422,
      path: "/api/v1/profiles",
      ip: "2001:db8::1",
      requestId: "0mhx3k2ab1f2c3d4e5f6a7b8c",
    });
  });

  it.each([
    ["from", "2027-02-30T10:00"], // a day that does not exist is dropped, not rolled into March
    ["from", "2026-12-03"],
    ["to", "yesterday"],
    ["status", "abc"],
    ["status", "99"],
    ["status", "4.5"],
    ["path", "api/v1/lists"],
    ["ip", "x".repeat(65)],
    ["requestId", "0MHX3K2AB1F2C3D4E5F6A7B8C"],
    ["requestId", "req_123"],
  ])("drops %s=%s instead of showing a view it does not describe", (name, value) => {
    expect(usageViewOf(catalog, { [name]: value })[name as keyof ReturnType<typeof usageViewOf>]).toBeUndefined();
  });
});

describe("the scope a Grant link asks the edit form to choose", () => {
  it("takes a scope of the catalog", () => {
    expect(requestedGrantOf(catalog, "profiles:write")).toEqual({ scope: "profiles:write" });
    expect(requestedGrantOf(catalog, ["lists:read", "tags:read"])).toEqual({ scope: "lists:read" });
  });

  it("ignores anything else, keeping what was asked so the form can say so", () => {
    expect(requestedGrantOf(catalog, undefined)).toBeNull();
    expect(requestedGrantOf(catalog, "wallets:read")).toEqual({ ignored: "wallets:read" });
    expect(requestedGrantOf(catalog, "profiles:admin")).toEqual({ ignored: "profiles:admin" });
    // A level the resource does not offer is not a scope of the catalog either.
    expect(requestedGrantOf(catalog, "accounts:write")).toEqual({ ignored: "accounts:write" });
    expect(requestedGrantOf(catalog, "")).toEqual({ ignored: "" });
    expect(requestedGrantOf(catalog, [])).toEqual({ ignored: "" });
    expect(requestedGrantOf(catalog, `<script>${"x".repeat(100)}`)).toEqual({ ignored: `<script>${"x".repeat(56)}` });
  });
});
