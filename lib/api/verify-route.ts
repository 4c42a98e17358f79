// The scope a service's own route needs, for the verify endpoint (lib/api/verify-endpoint.ts): the
// catalog's routes, reached by a path with or without /api/v1, or under a version segment of the
// service's own (/v2/profiles/42 is the profiles item route when the catalog has no /v2 routes of its
// own). Resolved by the router's own code (resolveApiRoute), so a route the API answers and the same
// route verified cannot disagree.
import type { Catalog } from "@/lib/scopes/catalog";
import type { Scope } from "@/lib/scopes/scopes";
import { API_BASE, resolveApiRoute } from "./routes";

const VERSION_SEGMENT = /^\/v\d+(?=\/|$)/;

/** The scope and resource of a catalog route, or null when the method and path reach none. */
export function routeScope(catalog: Catalog, method: string, path: string): { scope: Scope; resource: string } | null {
  let rest = path.split(/[?#]/, 1)[0]!;
  if (rest === API_BASE || rest.startsWith(`${API_BASE}/`)) rest = rest.slice(API_BASE.length);
  const resolve = (relative: string) => {
    const route = resolveApiRoute(catalog, method.toUpperCase(), `${API_BASE}${relative}`);
    return route.kind === "resource" ? { scope: route.scope, resource: route.resource.id } : null;
  };
  return resolve(rest) ?? (VERSION_SEGMENT.test(rest) ? resolve(rest.replace(VERSION_SEGMENT, "")) : null);
}
