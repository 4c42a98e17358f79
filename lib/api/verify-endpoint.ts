// POST /api/keysmith/verify: the key check for services that call Keysmith from their own code rather
// than sending their clients' requests through it (docs/architecture.md, "The verify endpoint"). Outside
// /api/v1, so it never collides with a catalog path. Plain node:http like lib/api/handler.ts, on the
// same lean path (scripts/build-server.mjs guards it): no next/*, server-only, React or app/.
// Order: the switch (KEYSMITH_SERVICE_TOKEN set, else 404), the calling address's failed service-token
// attempts (429, lib/rate-limit/failed-auth-limiter.ts), the service token (401), a key in the URL,
// the method (405), the body (415, 413, 400, 422), the route (422), then the key itself: found,
// revoked, expired, the end client's address, the key's rate limit (the same count as its API
// requests), the scope. The key is never logged or recorded.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import { z } from "zod";
import { isAddressAllowed } from "@/lib/api-keys/ip-allow-list";
import { KEY_LENGTH } from "@/lib/api-keys/key-format";
import type { KeyRecord } from "@/lib/api-keys/key-lookup";
import { bearerCredential, type Refusal, verifyKey } from "@/lib/api-keys/verify";
import { databaseOutageLog } from "@/lib/database-outage-log";
import { requestClientAddress } from "@/lib/http/client-address";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { apiLimiters } from "@/lib/rate-limit/process-limiters";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { grants, parseScope, type Scope } from "@/lib/scopes/scopes";
import { type Decision, usageRecorder } from "@/lib/usage/recorder";
import { newRequestId } from "@/lib/usage/rows";
import { readRaw } from "./body";
import { isDatabaseUnreachable } from "./database-unreachable";
import {
  type ApiError,
  databaseUnavailable,
  errorBody,
  internalError,
  invalid,
  methodNotAllowed,
  notAuthenticated,
  payloadTooLarge,
  tooManyFailedAuthentications,
  unknownEndpoint,
  unsupportedMediaType,
} from "./errors";
import { scanUrlForKeys } from "./keys-in-url";
import { MAX_VERIFY_BODY_BYTES, VERIFY_PATH, type VerifyAnswer, type VerifyCode } from "./verify-contract";
import { routeScope } from "./verify-route";

/** Whether a request target (path and query) is the verify endpoint's: server.ts routes on it. */
export function isVerifyTarget(target: string): boolean {
  return target === VERIFY_PATH || target.startsWith(`${VERIFY_PATH}?`);
}

const HEADERS = { ...API_SECURITY_HEADERS, "content-type": "application/json" };

// What the key check's reasons become: a key that is missing or not even shaped like one is unknown.
const REFUSAL_CODES: Record<Refusal, VerifyCode> = {
  missing: "unknown",
  malformed: "unknown",
  unknown: "unknown",
  revoked: "revoked",
  expired: "expired",
};
// The usage log's decision for each code, the same names API requests are recorded under.
const CODE_DECISIONS: Record<VerifyCode, Decision> = {
  unknown: "invalid",
  revoked: "revoked",
  expired: "expired",
  missing_scope: "missing_scope",
  rate_limited: "rate_limited",
  ip_not_allowed: "ip_not_allowed",
};

const requestSchema = z
  .strictObject({
    // Longer than any key can be: refused before anything looks at it. Shorter or malformed ones are
    // answered `unknown`, as the API answers them.
    key: z.string({ error: "Send the key to verify as a string." }).max(KEY_LENGTH * 2, "This is not a Keysmith key: it is too long."),
    scope: z
      .string()
      .max(128)
      // Only the shape: a scope the catalog does not have is answered missing_scope, as a key that
      // still stores one no longer in the catalog is.
      .refine((scope) => parseScope(scope) !== null, "Not a scope: <resource>:read or <resource>:write.")
      .optional(),
    method: z
      .string()
      .regex(/^[A-Za-z]{1,16}$/, "Send an HTTP method such as GET.")
      .optional(),
    path: z.string().max(2048, "The path has at most 2048 characters.").startsWith("/", "The path starts with /.").optional(),
    ip: z
      .string()
      .max(64)
      .refine((ip) => isIP(ip) !== 0, "Send the end client's IPv4 or IPv6 address.")
      .optional(),
  })
  .superRefine((body, context) => {
    const route = body.method !== undefined || body.path !== undefined;
    if (body.scope !== undefined && route)
      context.addIssue({ code: "custom", path: ["scope"], message: "Send either scope or method and path, not both." });
    else if (body.scope === undefined && !route)
      context.addIssue({ code: "custom", path: ["scope"], message: "Send the scope needed, or the method and path asked for." });
    else if (route && body.method === undefined)
      context.addIssue({ code: "custom", path: ["method"], message: "Send the method with the path." });
    else if (route && body.path === undefined)
      context.addIssue({ code: "custom", path: ["path"], message: "Send the path with the method." });
  });

type VerifyRequest = z.infer<typeof requestSchema>;

type Outcome = { status: number; decision: Decision; body?: VerifyAnswer; refusal?: ApiError; headers?: Record<string, string> };

/** What usage records about the call, filled in as the checks go. */
type Trace = { key: KeyRecord | null; resource: string | null; requiredScope: string | null; ip: string | null };

const refuse = (refusal: ApiError, decision: Decision, headers?: Record<string, string>): Outcome => ({
  status: refusal.status,
  decision,
  refusal,
  headers,
});
const sha256 = (text: string) => createHash("sha256").update(text).digest();

// The token's digest, computed again only when the variable changes (tests switch it).
let serviceToken: { value: string; digest: Buffer } | null = null;
function serviceTokenDigest(): Buffer | null {
  const value = process.env.KEYSMITH_SERVICE_TOKEN;
  if (!value) return null;
  if (serviceToken?.value !== value) serviceToken = { value, digest: sha256(value) };
  return serviceToken.digest;
}

/** Compared as SHA-256 digests, so the time taken says nothing about the token, not even its length. */
function presentsServiceToken(header: string | undefined, expected: Buffer): boolean {
  return timingSafeEqual(sha256(bearerCredential(header)), expected);
}

async function readRequest(req: IncomingMessage): Promise<{ request: VerifyRequest } | { refusal: ApiError }> {
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
    req.resume();
    return { refusal: unsupportedMediaType };
  }
  const raw = await readRaw(req, MAX_VERIFY_BODY_BYTES);
  if (raw === "too_large") {
    req.resume();
    return { refusal: payloadTooLarge(MAX_VERIFY_BODY_BYTES) };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    // 8 KiB cannot nest deep enough to exhaust the parser's stack; this is text that is not JSON.
    return { refusal: { ...invalid("The body is not valid JSON."), status: 400, title: "Bad request" } };
  }
  const parsed = requestSchema.safeParse(json);
  if (parsed.success) return { request: parsed.data };
  const issue = parsed.error.issues[0]!;
  const pointer = `/${issue.path.map(String).join("/")}`;
  return { refusal: invalid(`${pointer === "/" ? "body" : pointer}: ${issue.message}`, pointer) };
}

const verdict = (code: VerifyCode, requiredScope: Scope, headers?: Record<string, string>): Outcome => ({
  status: 200,
  decision: CODE_DECISIONS[code],
  body: { valid: false, code, requiredScope },
  headers,
});

async function verify(req: IncomingMessage, trace: Trace): Promise<Outcome> {
  const expected = serviceTokenDigest();
  if (!expected) return refuse(unknownEndpoint(VERIFY_PATH), "not_found");
  // Guessing the service token is a failed authentication like guessing a key, limited per address.
  const { failedAuth, keys } = apiLimiters();
  const blocked = failedAuth.blockedFor(trace.ip);
  if (blocked) {
    req.resume();
    return refuse(tooManyFailedAuthentications(blocked), "rate_limited", { "retry-after": String(blocked) });
  }
  if (!presentsServiceToken(req.headers.authorization, expected)) {
    req.resume();
    const wait = await failedAuth.fail(trace.ip);
    if (wait) return refuse(tooManyFailedAuthentications(wait), "rate_limited", { "retry-after": String(wait) });
    return refuse(notAuthenticated("Send the service token: Authorization: Bearer <KEYSMITH_SERVICE_TOKEN>."), "invalid", {
      "www-authenticate": "Bearer",
    });
  }
  if (scanUrlForKeys(req.url ?? "").hasKey) {
    req.resume();
    return refuse(notAuthenticated("Keys in the URL are refused: send the key in the body."), "invalid");
  }
  if (req.method !== "POST") {
    req.resume();
    return refuse(methodNotAllowed(VERIFY_PATH, ["POST"]), "bad_request", { allow: "POST" });
  }
  const read = await readRequest(req);
  if ("refusal" in read) return refuse(read.refusal, "bad_request");
  const { request } = read;
  if (request.ip) trace.ip = request.ip;
  let scope: Scope;
  if (request.scope !== undefined) {
    scope = request.scope as Scope;
    trace.resource = parseScope(scope)!.resource;
  } else {
    const route = routeScope(loadedCatalog(), request.method!, request.path!);
    // A path is not a secret, but a key pasted into one is: the answer names the path redacted.
    const named = `${request.method!.toUpperCase()} ${scanUrlForKeys(request.path!).redacted}`;
    if (!route) return refuse(invalid(`/path: ${named} is no route of the catalog.`, "/path"), "bad_request");
    scope = route.scope;
    trace.resource = route.resource;
  }
  trace.requiredScope = scope;

  const verification = await verifyKey(request.key);
  trace.key = verification.key ?? null;
  if (!verification.ok) return verdict(REFUSAL_CODES[verification.reason], scope);
  const key = verification.key;
  // The caller is a service, so the address that counts is its client's: without one, a key limited
  // to some addresses cannot be judged, and is refused.
  if (!isAddressAllowed(key.ipAllowList, request.ip ?? null)) return verdict("ip_not_allowed", scope);
  // The same count as the key's API requests: a verified call is one use of the key.
  const limit = key.rateLimit ? await keys.check(key.id, key.rateLimit) : null;
  if (limit && !limit.allowed) return verdict("rate_limited", scope, limit.headers);
  if (!grants(key.scopes, scope)) return verdict("missing_scope", scope, limit?.headers);
  return {
    status: 200,
    decision: "allowed",
    body: { valid: true, keyId: key.id, workspaceId: key.workspaceId, scopes: key.scopes, expiresAt: key.expiresAt?.toISOString() ?? null },
    headers: limit?.headers,
  };
}

export async function handleVerifyRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const requestId = newRequestId(new Date());
  // Until the body names the end client, the address recorded is the calling service's.
  const trace: Trace = { key: null, resource: null, requiredScope: null, ip: requestClientAddress(req) };
  let outcome: Outcome;
  try {
    outcome = await verify(req, trace);
  } catch (cause) {
    databaseOutageLog.failed("api", cause, (message) => console.error("[api] unexpected error in verify", message));
    outcome = isDatabaseUnreachable(cause)
      ? refuse(databaseUnavailable, "bad_request", { "retry-after": "1" })
      : refuse(internalError, "bad_request");
  }
  const body = outcome.refusal ? errorBody(outcome.refusal, requestId) : JSON.stringify(outcome.body);
  res.writeHead(outcome.status, { ...HEADERS, ...outcome.headers, "request-id": requestId, "content-length": Buffer.byteLength(body) });
  res.end(req.method === "HEAD" ? undefined : body);
  // Recorded like an API request: the key checked, its decision, the scope asked (or the route's).
  // The status is the verify call's own: 200 for every verdict, valid or not.
  usageRecorder.record({
    id: requestId,
    workspaceId: trace.key?.workspaceId ?? null,
    keyId: trace.key?.id ?? null,
    method: (req.method ?? "POST").slice(0, 16),
    path: VERIFY_PATH,
    resource: trace.resource,
    requiredScope: trace.requiredScope,
    decision: outcome.decision,
    status: outcome.status,
    latencyMs: performance.now() - started,
    ip: trace.ip,
    createdAt: new Date(),
    field: outcome.refusal?.pointer?.slice(0, 256) ?? null,
  });
}
