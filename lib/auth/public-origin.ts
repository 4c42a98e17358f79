// The address the dashboard is reached at, for links and for WebAuthn's relying party.
type HeaderSource = { get(name: string): string | null };

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** AUTH_URL's origin when set, otherwise the origin this request was made to (Host header). */
export function publicOrigin(headers: HeaderSource): string {
  if (process.env.AUTH_URL) return new URL(process.env.AUTH_URL).origin;
  // server.ts sets X-Forwarded-Proto on every request from its one decision (lib/http/client-address.ts).
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  return new URL(`${proto}://${headers.get("host") ?? "localhost"}`).origin;
}

/**
 * For links sent by email: AUTH_URL, or the request's origin only when it is a loopback address.
 * The Host header is written by whoever sends the request, so trusting it would let an attacker ask
 * for a victim's reset link pointing at their own site (host header poisoning). Null: do not send.
 */
export function trustedOriginForMail(headers: HeaderSource): string | null {
  if (process.env.AUTH_URL) return new URL(process.env.AUTH_URL).origin;
  const origin = publicOrigin(headers);
  return LOOPBACK_HOSTS.has(new URL(origin).hostname) ? origin : null;
}
