import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { parseCatalogFile } from "./catalog-file";
import { DEFAULT_CATALOG_PATH } from "./loaded-catalog";

// A small valid catalog, one field per line so each finding's line and column can be read off.
const VALID = `{
  "groups": ["Audience"],
  "resources": [
    {
      "id": "profiles",
      "label": "Profiles",
      "description": "People",
      "group": "Audience",
      "levels": ["read", "write"],
      "routes": [
        { "method": "GET", "path": "/profiles/:id", "level": "read" },
        { "method": "POST", "path": "/profiles", "level": "write" }
      ]
    }
  ],
  "templates": [
    { "id": "reader", "name": "Reader", "description": "Reads", "scopes": ["profiles:read"], "recommendedExpiryDays": 30 }
  ]
}
`;

/** The catalog's problems, when `VALID` has `from` replaced by `to` (each fixture changes one thing). */
function problemsWith(from: string, to: string): string[] {
  expect(VALID).toContain(from);
  const result = parseCatalogFile(VALID.replace(from, to), "keysmith.catalog.json");
  if (result.ok) throw new Error("the catalog was accepted");
  return result.errors;
}

describe("the catalog file", () => {
  it("loads the default as shipped: its resources, groups, routes and templates", () => {
    const text = readFileSync(DEFAULT_CATALOG_PATH, "utf8");
    const result = parseCatalogFile(text, DEFAULT_CATALOG_PATH);
    expect(result.ok).toBe(true);
    const catalog = defaultCatalog();
    expect(catalog.groups).toEqual(["Account", "Audience", "Messaging", "Content", "Commerce", "Analytics", "Privacy"]);
    expect(catalog.resources).toHaveLength(24);
    expect(catalog.templates.map((template) => template.id)).toEqual([
      "analytics-export",
      "e-commerce-sync",
      "support-desk",
      "data-warehouse",
    ]);
    expect(catalog.resources.find((resource) => resource.id === "profiles")?.routes).toEqual([
      { method: "GET", path: "/profiles", level: "read" },
      { method: "GET", path: "/profiles/:id", level: "read" },
      { method: "POST", path: "/profiles", level: "write" },
      { method: "PATCH", path: "/profiles/:id", level: "write" },
      { method: "DELETE", path: "/profiles/:id", level: "write" },
    ]);
    // Read-only and write-only resources have only the routes of their level.
    expect(catalog.resources.find((resource) => resource.id === "accounts")?.routes.map((route) => route.method)).toEqual(["GET", "GET"]);
    expect(catalog.resources.find((resource) => resource.id === "data-privacy")?.routes.map((route) => route.method)).toEqual([
      "POST",
      "PATCH",
      "DELETE",
    ]);
  });

  it("accepts the small catalog the other cases break", () => {
    expect(parseCatalogFile(VALID, "keysmith.catalog.json")).toMatchObject({ ok: true });
  });

  it("reports invalid JSON with its line and column", () => {
    expect(problemsWith(`"label": "Profiles",`, `"label": "Profiles",,`)).toEqual([
      "keysmith.catalog.json:6:27: (file): invalid JSON: property name expected",
      "keysmith.catalog.json:6:27: (file): invalid JSON: value expected",
    ]);
    expect(parseCatalogFile("", "keysmith.catalog.json")).toEqual({
      ok: false,
      errors: ["keysmith.catalog.json:1:1: (file): invalid JSON: value expected"],
    });
  });

  it("names a field of the wrong type", () => {
    expect(problemsWith(`"levels": ["read", "write"]`, `"levels": "read"`)).toEqual([
      "keysmith.catalog.json:9:17: resources[0].levels: must be array",
    ]);
  });

  it("names an unknown level, with the levels there are", () => {
    expect(problemsWith(`"levels": ["read", "write"]`, `"levels": ["read", "admin"]`)).toEqual([
      'keysmith.catalog.json:9:26: resources[0].levels[1]: must be "read" or "write"',
    ]);
  });

  it("names a missing field where its object starts, and a field that is not one of the catalog's", () => {
    expect(problemsWith(`"label": "Profiles",`, "")).toEqual(["keysmith.catalog.json:4:5: resources[0].label: is required"]);
    expect(problemsWith(`"label": "Profiles",`, `"lable": "Profiles",`)).toEqual([
      "keysmith.catalog.json:4:5: resources[0].label: is required",
      "keysmith.catalog.json:6:7: resources[0].lable: is not a field of the catalog",
    ]);
  });

  it("names a duplicate resource id", () => {
    const twice = VALID.replace(
      / {4}\{\n {6}"id": "profiles"[\s\S]*?\n {4}\}\n/,
      (resource) => `${resource.trimEnd()},\n${resource.replace("/profiles", "/people").replace("/profiles", "/people")}`,
    );
    const result = parseCatalogFile(twice, "keysmith.catalog.json");
    expect(result).toEqual({
      ok: false,
      errors: ['keysmith.catalog.json:16:13: resources[1].id: "profiles" is already the id of resources[0]'],
    });
  });

  it("names a route whose level the resource does not offer, and a level no route needs", () => {
    expect(problemsWith(`"levels": ["read", "write"]`, `"levels": ["read"]`)).toEqual([
      `keysmith.catalog.json:12:59: resources[0].routes[1].level: "write" is not one of the resource's levels ("read")`,
    ]);
    expect(
      problemsWith(
        `{ "method": "POST", "path": "/profiles", "level": "write" }`,
        `{ "method": "GET", "path": "/profiles", "level": "read" }`,
      ),
    ).toEqual(["keysmith.catalog.json:9:17: resources[0].levels: offers write but no route needs it: add a write route or drop the level"]);
  });

  it("names a template scope the catalog does not have", () => {
    expect(problemsWith(`"scopes": ["profiles:read"]`, `"scopes": ["profiles:read", "coupons:read"]`)).toEqual([
      'keysmith.catalog.json:17:93: templates[0].scopes[1]: "coupons:read" names no resource of the catalog',
    ]);
    expect(problemsWith(`"scopes": ["profiles:read"]`, `"scopes": ["profiles:read", "profiles:write"]`)).toEqual([
      'keysmith.catalog.json:17:93: templates[0].scopes[1]: "profiles:write" grants profiles a second time',
    ]);
  });

  it("names a route that would shadow a built-in route, and two routes that are one", () => {
    expect(problemsWith(`"path": "/profiles/:id"`, `"path": "/:id"`)).toEqual([
      "keysmith.catalog.json:11:36: resources[0].routes[0].path: would shadow the built-in route /api/v1/health",
    ]);
    expect(problemsWith(`"path": "/profiles/:id"`, `"path": "/key"`)).toEqual([
      "keysmith.catalog.json:11:36: resources[0].routes[0].path: would shadow the built-in route /api/v1/key",
    ]);
    expect(
      problemsWith(
        `{ "method": "POST", "path": "/profiles", "level": "write" }`,
        `{ "method": "POST", "path": "/profiles", "level": "write" },\n        { "method": "GET", "path": "/profiles/:profileId", "level": "read" }`,
      ),
    ).toEqual(["keysmith.catalog.json:13:36: resources[0].routes[2].path: GET /profiles/:profileId is already resources[0].routes[0]"]);
  });

  it("names a group that is not listed", () => {
    expect(problemsWith(`"group": "Audience"`, `"group": "Audiences"`)).toEqual([
      'keysmith.catalog.json:8:16: resources[0].group: "Audiences" is not one of groups: "Audience"',
    ]);
  });
});
