// Checks the Keysmith-Signature of a request the Keysmith gateway forwarded. Copy this file as it is:
// it needs nothing but Node. The scheme is described in docs/gateway.md of the Keysmith repository.
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Verifies `req` (a node:http IncomingMessage, or anything with method, url and lower-case headers)
 * under any of `secrets`. Returns { ok: true } or { ok: false, reason: "missing" | "malformed" |
 * "expired" | "mismatch" }. `now` is in unix seconds.
 */
export function verifyKeysmithSignature(req, secrets, { toleranceSeconds = 300, now = Date.now() / 1000 } = {}) {
  const header = req.headers["keysmith-signature"];
  if (!header) return { ok: false, reason: "missing" };
  if (typeof header !== "string" || header.length > 1024) return { ok: false, reason: "malformed" };
  const timestamps = [];
  const signatures = [];
  for (const part of header.split(",")) {
    const [name, value, extra] = part.trim().split("=");
    if (!name || value === undefined || extra !== undefined) return { ok: false, reason: "malformed" };
    if (name === "t") timestamps.push(value);
    else if (name === "v1" && !/^[0-9a-f]{64}$/.test(value)) return { ok: false, reason: "malformed" };
    else if (name === "v1") signatures.push(Buffer.from(value, "hex"));
  }
  if (timestamps.length !== 1 || !/^[0-9]{1,12}$/.test(timestamps[0])) return { ok: false, reason: "malformed" };
  if (signatures.length === 0 || signatures.length > 8) return { ok: false, reason: "malformed" };
  const h = (name) => req.headers[name] ?? "";
  const fields = [req.method, req.url, h("keysmith-key-id"), h("keysmith-workspace-id"), h("keysmith-scopes"), h("request-id")];
  if (fields.some((field) => typeof field !== "string" || /[\r\n]/.test(field))) return { ok: false, reason: "mismatch" };
  const text = ["keysmith-v1", timestamps[0], ...fields].join("\n");
  let matched = false;
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(text).digest();
    for (const signature of signatures) matched = timingSafeEqual(signature, expected) || matched;
  }
  if (!matched) return { ok: false, reason: "mismatch" };
  if (Math.abs(now - Number(timestamps[0])) > toleranceSeconds) return { ok: false, reason: "expired" };
  return { ok: true };
}
