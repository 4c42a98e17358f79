// The security headers of every response, in one place: pages (from server.ts, before Next renders)
// and the public API (lib/api). Plain Node: the lean API path uses it.
import { randomBytes } from "node:crypto";

/** HSTS for two years, once the site is known to be served over HTTPS. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** The API answers JSON only: nothing in it may run, be framed, sniffed into another type or cached. */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
};

// Powerful features the dashboard never uses are off for it and anything it could embed; passkeys
// (WebAuthn) stay allowed for the site itself, and the copy buttons write to the clipboard.
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "encrypted-media=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "picture-in-picture=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
  "clipboard-write=(self)",
  "publickey-credentials-create=(self)",
  "publickey-credentials-get=(self)",
].join(", ");

export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "permissions-policy": PERMISSIONS_POLICY,
  "cross-origin-opener-policy": "same-origin",
};

/** A fresh, unguessable nonce for one page response. */
export function createNonce(): string {
  return randomBytes(18).toString("base64");
}

/**
 * The pages' policy. Scripts run only when they carry this response's nonce (Next puts it on its own
 * scripts, reading it from the request's Content-Security-Policy header) or are loaded by one that
 * does ('strict-dynamic'). Styles allow inline: React sets style attributes (Radix, Recharts) and
 * sonner inserts its stylesheet at run time; a nonce there would switch 'unsafe-inline' off.
 */
export function pageContentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay; the production build never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
