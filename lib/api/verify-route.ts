// The scope a service's own route needs, for the verify endpoint (lib/api/verify-endpoint.ts): the
// catalog's routes, reached by a path with or without /api/v1, or under a version segment of the
// service's own (/v2/profiles/42 is the profiles item route). Resolved by the router's own code
// (resolveApiRoute), so a route the API answers and the same route verified cannot disagree.
import type { Scope } from "@/lib/scopes/scopes";
import { API_BASE, resolveApiRoute } from "./routes";

const VERSION_SEGMENT = /^\/v\d+(?=\/|$)/;

/** The scope and resource of a catalog route, or null when the method and path reach none. */
export function routeScope(method: string, path: string): { scope: Scope; resource: string } | null {
  let rest = path.split(/[?#]/, 1)[0]!;
  if (rest === API_BASE || rest.startsWith(`${API_BASE}/`)) rest = rest.slice(API_BASE.length);
  else rest = rest.replace(VERSION_SEGMENT, "");
  const route = resolveApiRoute(method.toUpperCase(), `${API_BASE}${rest}`);
  return route.kind === "resource" ? { scope: route.scope, resource: route.resource.id } : null;
}
