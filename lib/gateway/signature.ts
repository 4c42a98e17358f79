// The signature a gateway puts on every request it forwards, so that the upstream can refuse anything
// that did not come through Keysmith. The scheme, and why it binds what it binds, is in docs/gateway.md;
// examples/upstream/signature.mjs and examples/upstream/verify.py are the same check, written for users
// to copy, and lib/gateway/example-verifiers.test.ts holds the three to one answer.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "keysmith-signature";

/** What the upstream is told about the caller, besides the request's own Request-Id. */
export const IDENTITY_HEADERS = {
  keyId: "keysmith-key-id",
  workspaceId: "keysmith-workspace-id",
  scopes: "keysmith-scopes",
} as const;

export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Names the scheme inside the signed text, so a MAC made for anything else under the same secret never passes. */
const SCHEME = "keysmith-v1";
const V1 = /^[0-9a-f]{64}$/;
const TIMESTAMP = /^[0-9]{1,12}$/;
// A header longer than this, or with more signatures, is not something a gateway sends: refuse it before any HMAC.
const MAX_HEADER_LENGTH = 1024;
const MAX_SIGNATURES = 8;

/** The request as the upstream receives it: `path` is the request target, query included, exactly as forwarded. */
export type SignedRequest = {
  method: string;
  path: string;
  keyId: string;
  workspaceId: string;
  /** The Keysmith-Scopes header's value: the key's scopes, space-separated (`scopesHeader`). */
  scopes: string;
  requestId: string;
};

/** One secret, or the current and the previous one while they rotate. */
export type Secrets = string | readonly string[];

export type VerifyResult = { ok: true } | { ok: false; reason: "missing" | "malformed" | "expired" | "mismatch" };

/** The Keysmith-Scopes value for a key's scopes. Scopes never hold a space (`resource:level`). */
export function scopesHeader(scopes: readonly string[]): string {
  return scopes.join(" ");
}

/** The request's signed fields, in the order of the canonical text. */
const signedFields = (request: SignedRequest) => [
  request.method,
  request.path,
  request.keyId,
  request.workspaceId,
  request.scopes,
  request.requestId,
];

/**
 * The text the HMAC covers: one field a line, in a fixed order. No field may hold a line break (none
 * can arrive in an HTTP header or request target), so no two requests share a text.
 */
export function canonicalString(timestamp: number, request: SignedRequest): string {
  return [SCHEME, String(timestamp), ...signedFields(request)].join("\n");
}

const hasLineBreak = (request: SignedRequest) => signedFields(request).some((value) => /[\r\n]/.test(value));

function secretList(secret: Secrets): readonly string[] {
  const list = typeof secret === "string" ? [secret] : secret;
  if (list.length === 0 || list.some((one) => one.length === 0)) throw new TypeError("an upstream secret must not be empty");
  return list;
}

const mac = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest();

/** The Keysmith-Signature value: `t=<unix seconds>,v1=<hex>`, one v1 for each secret given (current first). */
export function signUpstreamRequest(input: SignedRequest & { secret: Secrets; timestamp?: number }): string {
  const { secret, timestamp = Math.floor(Date.now() / 1000), ...request } = input;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new TypeError("the timestamp must be whole unix seconds");
  if (hasLineBreak(request)) throw new TypeError("a signed field must not hold a line break");
  const text = canonicalString(timestamp, request);
  return [`t=${timestamp}`, ...secretList(secret).map((one) => `v1=${mac(one, text).toString("hex")}`)].join(",");
}

/** The timestamp and the v1 signatures of a header, or null when it is not one a gateway could have sent. */
function parseHeader(header: string): { timestamp: number; signatures: Buffer[] } | null {
  if (header.length > MAX_HEADER_LENGTH) return null;
  const timestamps: string[] = [];
  const signatures: Buffer[] = [];
  for (const part of header.split(",")) {
    const [name, value, extra] = part.trim().split("=");
    if (!name || value === undefined || extra !== undefined) return null;
    if (name === "t") timestamps.push(value);
    else if (name === "v1") {
      if (!V1.test(value)) return null;
      signatures.push(Buffer.from(value, "hex"));
    }
    // Any other scheme (a later v2) is skipped, so that a gateway may send it beside v1.
  }
  if (timestamps.length !== 1 || !TIMESTAMP.test(timestamps[0]!)) return null;
  if (signatures.length === 0 || signatures.length > MAX_SIGNATURES) return null;
  return { timestamp: Number(timestamps[0]), signatures };
}

/**
 * Whether `header` signs this request under one of `secret`, within `toleranceSeconds` of `now` (unix
 * seconds) either way. The signature is checked before the time: "expired" means Keysmith did sign it,
 * only too long ago (a replay, or clocks apart).
 */
export function verifyUpstreamSignature(
  input: SignedRequest & { secret: Secrets; header: string | null | undefined; toleranceSeconds?: number; now?: number },
): VerifyResult {
  const { secret, header, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = Date.now() / 1000, ...request } = input;
  const secrets = secretList(secret);
  if (!header) return { ok: false, reason: "missing" };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: "malformed" };
  if (hasLineBreak(request)) return { ok: false, reason: "mismatch" };
  const text = canonicalString(parsed.timestamp, request);
  const expected = secrets.map((one) => mac(one, text));
  // Every pair is compared, in constant time each, so the time taken does not say which one matched.
  let matched = false;
  for (const signature of parsed.signatures) for (const candidate of expected) matched = timingSafeEqual(signature, candidate) || matched;
  if (!matched) return { ok: false, reason: "mismatch" };
  if (Math.abs(now - parsed.timestamp) > toleranceSeconds) return { ok: false, reason: "expired" };
  return { ok: true };
}
