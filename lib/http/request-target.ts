// The request-target of an incoming request (RFC 9112, section 3.2), reduced to what the routers
// below understand: a path. Anything else is answered here, so neither Next nor the API handler sees a
// target it could fail on ("OPTIONS *" used to answer 500).

export type RequestTarget =
  | { kind: "path"; path: string }
  /** "OPTIONS *": a question about the server as a whole. */
  | { kind: "server" }
  | { kind: "invalid" };

export function parseRequestTarget(method: string | undefined, target: string | undefined): RequestTarget {
  if (!target) return { kind: "invalid" };
  // Origin-form, the usual one. A path is never an authority: "//host/x" stays a path on this site.
  if (target.startsWith("/")) return { kind: "path", path: target };
  if (target === "*") return method === "OPTIONS" ? { kind: "server" } : { kind: "invalid" };
  // Absolute-form, which servers must accept (a client speaking to a proxy sends it): keep its path.
  if (/^https?:\/\//i.test(target)) {
    try {
      const url = new URL(target);
      return { kind: "path", path: `${url.pathname}${url.search}` };
    } catch {
      return { kind: "invalid" };
    }
  }
  // Authority-form (CONNECT host:port) and anything else: this is not a proxy.
  return { kind: "invalid" };
}

/** The methods this server answers somewhere, for "OPTIONS *". */
export const SERVER_METHODS = "GET, HEAD, POST, PATCH, DELETE, OPTIONS";
