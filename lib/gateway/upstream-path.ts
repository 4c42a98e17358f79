// Where a caller's request goes on the upstream: UPSTREAM_PATH_PREFIX, then the path below /api/v1
// and the query, byte for byte as the caller sent them (the signature covers this exact text, and the
// upstream verifies what it receives). Nothing is decoded or normalized, so anything the upstream
// could decode or resolve into a path other than the one the catalog matched is refused instead.
import { API_BASE } from "@/lib/api/routes";

// A dot segment in any spelling (".", "..", "%2e", ".%2E", ...).
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
// An encoded slash or backslash would be one segment here and two after the upstream decodes it; a
// literal backslash is a slash to many servers (and to the URL parser that matched the route).
const SEPARATOR_IN_DISGUISE = /%2f|%5c|\\/i;

/**
 * The upstream's request target for `target` (the request's own, starting with /api/v1/), or null
 * when its path could mean another one upstream. `routedPath` is the pathname the route was matched
 * on: the two must agree, so the upstream is asked for the very path the catalog allowed.
 */
export function upstreamTarget(target: string, routedPath: string, prefix: string): string | null {
  const queryAt = target.indexOf("?");
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? "" : target.slice(queryAt);
  if (!path.startsWith(`${API_BASE}/`) || path !== routedPath) return null;
  if (SEPARATOR_IN_DISGUISE.test(path)) return null;
  const below = path.slice(API_BASE.length);
  if (below.split("/").some((segment) => DOT_SEGMENT.test(segment))) return null;
  return `${prefix}${below}${query}`;
}
