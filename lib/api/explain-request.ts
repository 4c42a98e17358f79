// The key tester's verdict: what the API would answer a method and path sent with a key, in words,
// without sending anything. The route, the method and the scope come from resolveApiRoute, the
// router's own code; the order of the checks is the router's (docs/architecture.md, "An API request"):
// a key in the URL, route, method, the key itself, its scope. The IP allow-list depends on where a
// request comes from, which the tester cannot know: it is said, not decided.
// Pure and browser-safe: the key page runs it as the user types, on the catalog the server handed it.
import type { KeyStatus } from "@/lib/api-keys/status";
import type { Catalog } from "@/lib/scopes/catalog";
import { type Access, effectiveScopes, grants, type Scope, toAccessMap } from "@/lib/scopes/scopes";
import { API_BASE, hasKeyParameter, resolveApiRoute } from "./routes";

export type RequestToExplain = {
  catalog: Catalog;
  method: string;
  /** As pasted: a path with or without /api/v1, a query, or a full URL. */
  path: string;
  /** As stored: those the catalog no longer has grant nothing here either. */
  scopes: readonly string[];
  status: KeyStatus;
  ipAllowList?: readonly string[];
};

export type RequestExplanation = {
  allowed: boolean;
  /** The status the API answers with when it refuses before reaching a record. */
  httpStatus?: 401 | 403 | 404 | 405;
  requiredScope: Scope | null;
  message: string;
  /** What else decides the answer: the IP allow-list, a record that must exist. */
  note?: string;
  /** The scope that would allow the request, for a key that lacks it. */
  grantScope?: Scope;
};

// Any well-formed origin is dropped: the tester explains this API whatever host the URL names.
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The path and query the router would see, parsed as the router parses request targets. */
export function requestTarget(pasted: string): URL | null {
  const text = pasted.trim();
  if (!text) return null;
  let target = text;
  if (ABSOLUTE_URL.test(text)) {
    try {
      const url = new URL(text);
      target = `${url.pathname}${url.search}`;
    } catch {
      return null;
    }
  }
  if (!target.startsWith("/")) target = `/${target}`;
  if (!target.startsWith("/api/")) target = `${API_BASE}${target}`;
  return new URL(target, "http://api.invalid");
}

const UNUSABLE: Partial<Record<KeyStatus, string>> = {
  revoked: "this key was revoked",
  expired: "this key has expired",
  rotated: "this key was replaced by a rotation and has stopped working",
};

const ACCESS_IN_WORDS = (resource: string, access: Access) =>
  access === "none" ? `this key has no access to ${resource}` : `this key has ${resource}:${access}`;

function ipNote(ipAllowList: readonly string[] | undefined): string | undefined {
  if (!ipAllowList?.length) return undefined;
  return `Only from ${ipAllowList.join(", ")}: from any other address the API answers 403.`;
}

export function explainRequest({ catalog, method, path, scopes: stored, status, ipAllowList }: RequestToExplain): RequestExplanation {
  const scopes = effectiveScopes(catalog, stored);
  const url = requestTarget(path);
  const verb = method.toUpperCase();
  if (!url) return { allowed: false, requiredScope: null, message: "Enter a path, like /api/v1/profiles" };
  const request = `${verb} ${url.pathname}`;
  if (hasKeyParameter(url.searchParams)) {
    return {
      allowed: false,
      httpStatus: 401,
      requiredScope: null,
      message: `Denied: ${request} carries a key in the URL, which is refused (401); send it in the Authorization header`,
    };
  }
  // The server hands only /api/v1/… to the API; anything else is a dashboard page, not an endpoint.
  const route = url.pathname.startsWith(`${API_BASE}/`) ? resolveApiRoute(catalog, verb, url.pathname) : ({ kind: "not_found" } as const);
  if (route.kind === "not_found") {
    return { allowed: false, httpStatus: 404, requiredScope: null, message: `No route: ${request} matches no API route (404)` };
  }
  if (route.kind === "method_not_allowed") {
    return {
      allowed: false,
      httpStatus: 405,
      requiredScope: null,
      message: `Method not allowed: ${url.pathname} answers ${route.allowed.join(", ")}, not ${verb} (405)`,
    };
  }
  if (route.kind === "fixed" && route.route !== "key") {
    return { allowed: true, requiredScope: null, message: `Allowed: ${request} is public: it needs no key and no scope` };
  }
  const refusal = UNUSABLE[status];
  const requiredScope = route.kind === "resource" ? route.scope : null;
  if (refusal) {
    return {
      allowed: false,
      httpStatus: 401,
      requiredScope,
      message: `Denied: ${request} is refused (401): ${refusal}, whatever its scopes`,
    };
  }
  const note = ipNote(ipAllowList);
  if (route.kind === "fixed") {
    return { allowed: true, requiredScope: null, message: `Allowed: ${request} needs no scope, only a valid key, which this key is`, note };
  }
  const resourceId = route.resource.id;
  const scope = route.scope;
  const recordNote = route.id === undefined ? undefined : `The record ${route.id} must exist in this workspace, or the API answers 404.`;
  if (grants(scopes, scope)) {
    return {
      allowed: true,
      requiredScope: scope,
      message: `Allowed: ${request} needs ${scope}, which this key has`,
      note: [recordNote, note].filter(Boolean).join(" ") || undefined,
    };
  }
  const access = toAccessMap(catalog, scopes)[resourceId] ?? "none";
  return {
    allowed: false,
    httpStatus: 403,
    requiredScope: scope,
    message: `Denied: ${request} needs ${scope}; ${ACCESS_IN_WORDS(resourceId, access)}`,
    grantScope: scope,
  };
}
