// Which route of the public API a method and path reach, and the scope it needs: the router's first
// two checks (route, then method) as plain data. handler.ts answers requests with it and the key
// tester (explain-request.ts) explains them with it, so the two cannot disagree.
// Pure: no node:*, no next/*, safe in the browser and in the API server bundle.
import { type AccessLevel, endpointsOf, findResource, type ResourceDefinition } from "@/lib/scopes/catalog";
import type { Scope } from "@/lib/scopes/scopes";

export const API_BASE = "/api/v1";

// Query parameters that would carry a key in the URL, where proxies and browser history keep it.
const KEY_PARAMS = ["api_key", "apikey", "key", "token", "access_token", "authorization"];

/** Whether the query names a parameter that would carry a key (the router refuses those with 401). */
export function hasKeyParameter(searchParams: URLSearchParams): boolean {
  return KEY_PARAMS.some((name) => searchParams.has(name));
}

/** The routes outside the catalog: the first two need no key, the last a valid key and no scope. */
export type FixedRoute = "health" | "openapi.json" | "key";
const FIXED_ROUTES: readonly string[] = ["health", "openapi.json", "key"] satisfies FixedRoute[];
const FIXED_METHODS = ["GET", "HEAD"];

export type ApiRoute =
  | { kind: "not_found" }
  | { kind: "method_not_allowed"; allowed: string[]; resource?: ResourceDefinition }
  | { kind: "fixed"; route: FixedRoute }
  /** `method` is the one answered: HEAD is answered as GET. `id` is the record's, unchecked. */
  | { kind: "resource"; resource: ResourceDefinition; id?: string; method: string; scope: Scope };

/** The catalog's endpoints on the collection or on an item; HEAD is answered wherever GET is, without the body. */
function methodsOf(resource: ResourceDefinition, item: boolean): string[] {
  return endpointsOf(resource)
    .filter((endpoint) => endpoint.path.endsWith("/{id}") === item)
    .flatMap((endpoint) => (endpoint.method === "GET" ? ["GET", "HEAD"] : [endpoint.method]));
}

/** The route `method` and `pathname` (under /api/v1/, no query) reach; a missing method is GET, as Node reports none. */
export function resolveApiRoute(method: string | undefined, pathname: string): ApiRoute {
  const requested = method ?? "GET";
  const segments = pathname.slice(API_BASE.length + 1).split("/");
  if (segments.at(-1) === "") segments.pop();
  const [first, id, ...rest] = segments;
  if (segments.length === 1 && first && FIXED_ROUTES.includes(first)) {
    if (!FIXED_METHODS.includes(requested)) return { kind: "method_not_allowed", allowed: FIXED_METHODS };
    return { kind: "fixed", route: first as FixedRoute };
  }
  const resource = first ? findResource(first) : undefined;
  if (!resource || rest.length > 0) return { kind: "not_found" };
  const allowed = methodsOf(resource, id !== undefined);
  if (!allowed.includes(requested)) return { kind: "method_not_allowed", allowed, resource };
  const answered = requested === "HEAD" ? "GET" : requested;
  const level: AccessLevel = answered === "GET" ? "read" : "write";
  return { kind: "resource", resource, id, method: answered, scope: `${resource.id}:${level}` as Scope };
}
