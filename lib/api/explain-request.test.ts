import { describe, expect, it } from "vitest";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { explainRequest, requestTarget } from "./explain-request";

const READER = { scopes: ["profiles:read", "lists:read"], status: "active" as const };

const catalog = defaultCatalog();

describe("explainRequest", () => {
  it("allows a request whose scope the key holds, naming the scope", () => {
    expect(explainRequest({ catalog, ...READER, method: "GET", path: "/api/v1/profiles" })).toEqual({
      allowed: true,
      requiredScope: "profiles:read",
      message: "Allowed: GET /api/v1/profiles needs profiles:read, which this key has",
    });
  });

  it("counts write as including read", () => {
    const result = explainRequest({ catalog, scopes: ["lists:write"], status: "active", method: "GET", path: "/api/v1/lists" });
    expect(result.allowed).toBe(true);
    expect(result.message).toBe("Allowed: GET /api/v1/lists needs lists:read, which this key has");
  });

  it("answers HEAD as GET", () => {
    expect(explainRequest({ catalog, ...READER, method: "HEAD", path: "/api/v1/profiles" }).requiredScope).toBe("profiles:read");
  });

  it("says a record must exist for an item path", () => {
    const result = explainRequest({ catalog, ...READER, method: "GET", path: "/api/v1/profiles/abc" });
    expect(result.allowed).toBe(true);
    expect(result.note).toBe("The record abc must exist in this workspace, or the API answers 404.");
  });

  it("denies a missing scope, saying what the key has and which scope to grant", () => {
    expect(explainRequest({ catalog, ...READER, method: "POST", path: "/api/v1/lists" })).toEqual({
      allowed: false,
      httpStatus: 403,
      requiredScope: "lists:write",
      message: "Denied: POST /api/v1/lists needs lists:write; this key has lists:read",
      grantScope: "lists:write",
    });
  });

  it("denies a resource the key has no access to", () => {
    const result = explainRequest({ catalog, ...READER, method: "DELETE", path: "/api/v1/segments/abc" });
    expect(result.message).toBe("Denied: DELETE /api/v1/segments/abc needs segments:write; this key has no access to segments");
    expect(result.grantScope).toBe("segments:write");
  });

  it.each([
    ["/api/v1/nothing", "GET /api/v1/nothing"],
    ["/api/v1/profiles/abc/more", "GET /api/v1/profiles/abc/more"],
    ["/api/v2/profiles", "GET /api/v2/profiles"],
    ["/api/v1", "GET /api/v1"],
  ])("finds no route for %s (404)", (path, request) => {
    expect(explainRequest({ catalog, ...READER, method: "GET", path })).toEqual({
      allowed: false,
      httpStatus: 404,
      requiredScope: null,
      message: `No route: ${request} matches no API route (404)`,
    });
  });

  it("refuses a method the route does not answer (405), naming the ones it does", () => {
    expect(explainRequest({ catalog, ...READER, method: "DELETE", path: "/api/v1/profiles" })).toEqual({
      allowed: false,
      httpStatus: 405,
      requiredScope: null,
      message: "Method not allowed: /api/v1/profiles answers GET, HEAD, POST, not DELETE (405)",
    });
    expect(explainRequest({ catalog, ...READER, method: "POST", path: "/api/v1/accounts" }).message).toBe(
      "Method not allowed: /api/v1/accounts answers GET, HEAD, not POST (405)",
    );
    expect(explainRequest({ catalog, ...READER, method: "PUT", path: "/api/v1/key" }).httpStatus).toBe(405);
  });

  it("says the health check and the OpenAPI document need no key", () => {
    for (const path of ["/api/v1/health", "/api/v1/openapi.json"]) {
      expect(explainRequest({ catalog, scopes: [], status: "revoked", method: "GET", path })).toEqual({
        allowed: true,
        requiredScope: null,
        message: `Allowed: GET ${path} is public: it needs no key and no scope`,
      });
    }
  });

  it("says GET /api/v1/key needs a valid key and no scope", () => {
    expect(explainRequest({ catalog, scopes: [], status: "active", method: "GET", path: "/api/v1/key" })).toEqual({
      allowed: true,
      requiredScope: null,
      message: "Allowed: GET /api/v1/key needs no scope, only a valid key, which this key is",
    });
  });

  it.each([
    ["revoked", "this key was revoked"],
    ["expired", "this key has expired"],
    ["rotated", "this key was replaced by a rotation and has stopped working"],
  ] as const)("denies everything but public routes to a %s key, whatever its scopes (401)", (status, reason) => {
    const scopes = ["profiles:write"];
    expect(explainRequest({ catalog, scopes, status, method: "GET", path: "/api/v1/profiles" })).toEqual({
      allowed: false,
      httpStatus: 401,
      requiredScope: "profiles:read",
      message: `Denied: GET /api/v1/profiles is refused (401): ${reason}, whatever its scopes`,
    });
    expect(explainRequest({ catalog, scopes, status, method: "GET", path: "/api/v1/key" }).httpStatus).toBe(401);
    // The router decides the route before it looks at the key.
    expect(explainRequest({ catalog, scopes, status, method: "GET", path: "/api/v1/nothing" }).httpStatus).toBe(404);
  });

  it.each(["expiring", "rotating"] as const)("treats a %s key as working", (status) => {
    expect(explainRequest({ catalog, ...READER, status, method: "GET", path: "/api/v1/profiles" }).allowed).toBe(true);
  });

  it("names the IP allow-list, which it cannot check", () => {
    const result = explainRequest({
      catalog,
      ...READER,
      ipAllowList: ["10.0.0.0/8", "203.0.113.7"],
      method: "GET",
      path: "/api/v1/profiles",
    });
    expect(result.allowed).toBe(true);
    expect(result.note).toBe("Only from 10.0.0.0/8, 203.0.113.7: from any other address the API answers 403.");
  });

  it("refuses a key in the query (401), like the router", () => {
    const result = explainRequest({ catalog, ...READER, method: "GET", path: "/api/v1/profiles?api_key=x" });
    expect(result).toMatchObject({ allowed: false, httpStatus: 401 });
    expect(result.message).toContain("carries a key in the URL");
  });

  it("asks for a path when none is given", () => {
    expect(explainRequest({ catalog, ...READER, method: "GET", path: "   " })).toEqual({
      allowed: false,
      requiredScope: null,
      message: "Enter a path, like /api/v1/profiles",
    });
  });

  it("reads lower-case methods", () => {
    expect(explainRequest({ catalog, ...READER, method: "get", path: "/api/v1/profiles" }).allowed).toBe(true);
  });
});

describe("requestTarget", () => {
  it.each([
    ["https://keys.example.com/api/v1/profiles?x=1", "/api/v1/profiles", "?x=1"],
    ["http://localhost:3000/api/v1/lists/abc", "/api/v1/lists/abc", ""],
    ["/api/v1/profiles?limit=5#top", "/api/v1/profiles", "?limit=5"],
    ["profiles", "/api/v1/profiles", ""],
    ["/profiles?x=1", "/api/v1/profiles", "?x=1"],
    ["api/v1/profiles", "/api/v1/profiles", ""],
    ["  /api/v1/profiles/  ", "/api/v1/profiles/", ""],
    ["/api/v1/a/../profiles", "/api/v1/profiles", ""],
  ])("reads %s as the router would", (pasted, pathname, search) => {
    const url = requestTarget(pasted);
    expect(url?.pathname).toBe(pathname);
    expect(url?.search).toBe(search);
  });

  it("explains a pasted full URL by its path", () => {
    expect(explainRequest({ catalog, ...READER, method: "GET", path: "https://keys.example.com/api/v1/profiles?x=1" }).message).toBe(
      "Allowed: GET /api/v1/profiles needs profiles:read, which this key has",
    );
  });

  it("reads nothing from an empty or broken input", () => {
    expect(requestTarget("")).toBeNull();
    expect(requestTarget("https://")).toBeNull();
  });
});

describe("every route of the catalog", () => {
  const resources = catalog.resources;
  const everything = resources.map((r) => `${r.id}:${r.levels.includes("write") ? "write" : "read"}`);
  const endpoints = resources.flatMap((resource) => resource.routes.map((endpoint) => ({ resource, endpoint })));

  it.each(endpoints.map(({ resource, endpoint }) => [`${endpoint.method} ${endpoint.path}`, resource, endpoint] as const))(
    "%s needs the scope the catalog names",
    (_, resource, endpoint) => {
      const path = `/api/v1${endpoint.path.replace(":id", "abc")}`;
      const scope = `${resource.id}:${endpoint.level}`;
      const allowed = explainRequest({ catalog, scopes: everything, status: "active", method: endpoint.method, path });
      expect(allowed).toMatchObject({ allowed: true, requiredScope: scope });
      const denied = explainRequest({ catalog, scopes: [], status: "active", method: endpoint.method, path });
      expect(denied).toMatchObject({ allowed: false, httpStatus: 403, requiredScope: scope, grantScope: scope });
    },
  );

  it("and no other method: the rest answer 405", () => {
    for (const resource of resources) {
      for (const item of [false, true]) {
        const template = `/${resource.id}${item ? "/:id" : ""}`;
        const listed = resource.routes.filter((e) => e.path === template).map((e) => e.method as string);
        for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !listed.includes(m))) {
          const result = explainRequest({
            catalog,
            scopes: everything,
            status: "active",
            method,
            path: `/api/v1${template.replace(":id", "abc")}`,
          });
          expect(result.httpStatus, `${method} ${template}`).toBe(405);
        }
      }
    }
  });
});
