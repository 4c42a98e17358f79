// Which route of the public API a method and path reach, and the scope it needs: the router's first
// two checks (route, then method) as plain data, over the loaded catalog's routes (lib/scopes/catalog.ts).
// handler.ts answers requests with it and the key tester (explain-request.ts) explains them with it,
// so the two cannot disagree. The catalog is an argument: the server passes the one it loaded, the
// browser the one the server handed it.
// Pure: no node:*, no next/*, safe in the browser and in the API server bundle.
import type { Catalog, CatalogRoute, ResourceDefinition } from "@/lib/scopes/catalog";
import {
  type CompiledPattern,
  compareRanks,
  compilePattern,
  FIXED_ROUTES,
  type FixedRoute,
  lastParamName,
  matchCompiled,
  pathSegments,
} from "@/lib/scopes/route-patterns";
import type { Scope } from "@/lib/scopes/scopes";

export type { FixedRoute };

export const API_BASE = "/api/v1";

// Query parameters that would carry a key in the URL, where proxies and browser history keep it.
const KEY_PARAMS = ["api_key", "apikey", "key", "token", "access_token", "authorization"];

/** Whether the query names a parameter that would carry a key (the router refuses those with 401). */
export function hasKeyParameter(searchParams: URLSearchParams): boolean {
  return KEY_PARAMS.some((name) => searchParams.has(name));
}

const FIXED_METHODS = ["GET", "HEAD"];

export type ApiRoute =
  | { kind: "not_found" }
  | { kind: "method_not_allowed"; allowed: string[]; resource?: ResourceDefinition }
  | { kind: "fixed"; route: FixedRoute }
  /**
   * `method` is the one answered: HEAD is answered as GET. `params` are the pattern's, by name (`*`
   * for the rest); `id` is the last `:param`'s value, unchecked, which the built-in record store
   * takes for the record's id.
   */
  | {
      kind: "resource";
      resource: ResourceDefinition;
      route: CatalogRoute;
      params: Record<string, string>;
      id?: string;
      method: string;
      scope: Scope;
    };

type CompiledRoute = { resource: ResourceDefinition; route: CatalogRoute; pattern: CompiledPattern; idParam: string | undefined };

const compiled = new WeakMap<Catalog, CompiledRoute[]>();

function routesOf(catalog: Catalog): CompiledRoute[] {
  let routes = compiled.get(catalog);
  if (!routes) {
    routes = catalog.resources.flatMap((resource) =>
      resource.routes.map((route) => ({ resource, route, pattern: compilePattern(route.path), idParam: lastParamName(route.path) })),
    );
    compiled.set(catalog, routes);
  }
  return routes;
}

export type RecordOperation = "list" | "read" | "create" | "update" | "delete";

/**
 * What the built-in record store (no upstream) does for a resource route: GET without an id lists,
 * with one reads; POST without one creates; PATCH or PUT with one updates; DELETE with one deletes.
 * Null for any other shape, and for `*` routes, whose rest the store cannot interpret.
 */
export function recordOperation(route: CatalogRoute): RecordOperation | null {
  if (route.path.endsWith("/*")) return null;
  const withId = lastParamName(route.path) !== undefined;
  if (route.method === "GET") return withId ? "read" : "list";
  if (route.method === "POST") return withId ? null : "create";
  if (route.method === "PATCH" || route.method === "PUT") return withId ? "update" : null;
  return route.method === "DELETE" && withId ? "delete" : null;
}

/** The route's full path as OpenAPI and the docs write it: `/profiles/:id` is /api/v1/profiles/{id}, `*` is {rest}. */
export function documentedPath(pattern: string): string {
  return `${API_BASE}${pattern.replace(/:([A-Za-z][A-Za-z0-9_]*)/g, "{$1}").replace(/\*$/, "{rest}")}`;
}

/** HEAD is answered wherever GET is, without the body. */
const answers = (route: CatalogRoute, method: string) => route.method === method || (method === "HEAD" && route.method === "GET");

/** The route `method` and `pathname` (under /api/v1/, no query) reach; a missing method is GET, as Node reports none. */
export function resolveApiRoute(catalog: Catalog, method: string | undefined, pathname: string): ApiRoute {
  const requested = method ?? "GET";
  const segments = pathSegments(pathname.slice(API_BASE.length));
  const fixed = FIXED_ROUTES.find((route) => segments.length === 1 && segments[0] === route);
  if (fixed) {
    if (!FIXED_METHODS.includes(requested)) return { kind: "method_not_allowed", allowed: FIXED_METHODS };
    return { kind: "fixed", route: fixed };
  }
  const matches = routesOf(catalog)
    .map((candidate) => ({ candidate, match: matchCompiled(candidate.pattern, segments) }))
    .filter((found) => found.match !== null)
    .sort((a, b) => compareRanks(a.match!.rank, b.match!.rank));
  if (matches.length === 0) return { kind: "not_found" };
  const best = matches.find(({ candidate }) => answers(candidate.route, requested));
  if (!best) {
    const allowed = [
      ...new Set(matches.flatMap(({ candidate }) => (candidate.route.method === "GET" ? ["GET", "HEAD"] : [candidate.route.method]))),
    ];
    return { kind: "method_not_allowed", allowed, resource: matches[0]!.candidate.resource };
  }
  const { resource, route, idParam } = best.candidate;
  const params = best.match!.params;
  return {
    kind: "resource",
    resource,
    route,
    params,
    id: idParam === undefined ? undefined : params[idParam],
    method: route.method,
    scope: `${resource.id}:${route.level}` as Scope,
  };
}
