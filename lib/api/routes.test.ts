import { describe, expect, it } from "vitest";
import type { Catalog } from "@/lib/scopes/catalog";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { documentedPath, recordOperation, resolveApiRoute } from "./routes";

// A service's own API, versioned under /v2, with routes of every kind of segment.
const CUSTOM: Catalog = {
  groups: ["Audience"],
  resources: [
    {
      id: "profiles",
      label: "Profiles",
      description: "People",
      group: "Audience",
      levels: ["read", "write"],
      routes: [
        { method: "GET", path: "/v2/profiles", level: "read" },
        { method: "GET", path: "/v2/profiles/:id", level: "read" },
        { method: "GET", path: "/v2/profiles/me", level: "read" },
        { method: "PUT", path: "/v2/profiles/:id", level: "write" },
        { method: "GET", path: "/v2/profiles/:profileId/notes/:noteId", level: "read" },
      ],
    },
    {
      id: "files",
      label: "Files",
      description: "Uploaded files",
      group: "Audience",
      levels: ["read", "write"],
      routes: [
        { method: "GET", path: "/v2/files/*", level: "read" },
        { method: "DELETE", path: "/v2/files/*", level: "write" },
        { method: "GET", path: "/v2/:kind/summary", level: "read" },
      ],
    },
  ],
  templates: [],
};

const resolve = (method: string | undefined, path: string, catalog: Catalog = CUSTOM) => resolveApiRoute(catalog, method, `/api/v1${path}`);

describe("resolveApiRoute", () => {
  it("reaches the default catalog's routes as the router always has", () => {
    const catalog = defaultCatalog();
    expect(resolve("GET", "/profiles", catalog)).toMatchObject({ kind: "resource", scope: "profiles:read", id: undefined, method: "GET" });
    expect(resolve("PATCH", "/profiles/42", catalog)).toMatchObject({
      kind: "resource",
      scope: "profiles:write",
      id: "42",
      params: { id: "42" },
    });
    expect(resolve("GET", "/profiles/42/", catalog)).toMatchObject({ kind: "resource", id: "42" });
    expect(resolve("GET", "/profiles/42/extra", catalog)).toEqual({ kind: "not_found" });
    expect(resolve("GET", "/wallets", catalog)).toEqual({ kind: "not_found" });
  });

  it("prefers literal segments to params, and params to *", () => {
    expect(resolve("GET", "/v2/profiles/me")).toMatchObject({ route: { path: "/v2/profiles/me" }, id: undefined });
    expect(resolve("GET", "/v2/profiles/42")).toMatchObject({ route: { path: "/v2/profiles/:id" }, id: "42" });
    // `/v2/files/summary` matches both `/v2/files/*` and `/v2/:kind/summary`: the literal first segment wins.
    expect(resolve("GET", "/v2/files/summary")).toMatchObject({ resource: { id: "files" }, route: { path: "/v2/files/*" } });
    expect(resolve("GET", "/v2/lists/summary")).toMatchObject({ route: { path: "/v2/:kind/summary" }, params: { kind: "lists" } });
  });

  it("captures every param by name, and takes the last one for the record id", () => {
    expect(resolve("GET", "/v2/profiles/7/notes/9")).toMatchObject({
      kind: "resource",
      params: { profileId: "7", noteId: "9" },
      id: "9",
      scope: "profiles:read",
    });
  });

  it("matches * against one or more segments, never none", () => {
    expect(resolve("GET", "/v2/files/a/b/c.txt")).toMatchObject({ kind: "resource", params: { "*": "a/b/c.txt" }, id: undefined });
    expect(resolve("DELETE", "/v2/files/a")).toMatchObject({ kind: "resource", scope: "files:write" });
    expect(resolve("GET", "/v2/files")).toEqual({ kind: "not_found" });
  });

  it("answers HEAD where GET is answered, as GET", () => {
    expect(resolve("HEAD", "/v2/profiles/42")).toMatchObject({ kind: "resource", method: "GET", scope: "profiles:read" });
    expect(resolve(undefined, "/v2/profiles")).toMatchObject({ kind: "resource", method: "GET" });
  });

  it("answers 405 with the methods the path has when it matches with another method", () => {
    expect(resolve("DELETE", "/v2/profiles/42")).toMatchObject({
      kind: "method_not_allowed",
      allowed: ["GET", "HEAD", "PUT"],
      resource: { id: "profiles" },
    });
    expect(resolve("POST", "/v2/profiles")).toMatchObject({ kind: "method_not_allowed", allowed: ["GET", "HEAD"] });
    expect(resolve("POST", "/accounts", defaultCatalog())).toMatchObject({ kind: "method_not_allowed", allowed: ["GET", "HEAD"] });
  });

  it("keeps the fixed routes before the catalog's", () => {
    expect(resolve("GET", "/health")).toEqual({ kind: "fixed", route: "health" });
    expect(resolve("HEAD", "/openapi.json")).toEqual({ kind: "fixed", route: "openapi.json" });
    expect(resolve("POST", "/key")).toEqual({ kind: "method_not_allowed", allowed: ["GET", "HEAD"] });
    expect(resolve("GET", "/profiles")).toEqual({ kind: "not_found" });
  });
});

describe("recordOperation", () => {
  it("gives the built-in record store the shapes it serves, and nothing else", () => {
    const op = (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string) => recordOperation({ method, path, level: "read" });
    expect([
      op("GET", "/p"),
      op("GET", "/p/:id"),
      op("POST", "/p"),
      op("PATCH", "/p/:id"),
      op("PUT", "/p/:id"),
      op("DELETE", "/p/:id"),
    ]).toEqual(["list", "read", "create", "update", "update", "delete"]);
    expect([op("POST", "/p/:id"), op("PUT", "/p"), op("DELETE", "/p"), op("GET", "/files/*")]).toEqual([null, null, null, null]);
  });
});

describe("documentedPath", () => {
  it("writes params as OpenAPI does, under /api/v1", () => {
    expect(documentedPath("/v2/profiles/:profileId/notes/:noteId")).toBe("/api/v1/v2/profiles/{profileId}/notes/{noteId}");
    expect(documentedPath("/v2/files/*")).toBe("/api/v1/v2/files/{rest}");
  });
});
