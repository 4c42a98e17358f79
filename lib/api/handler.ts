// The public API's lean router: plain node:http, outside Next's routing (docs/architecture.md, "The lean API path").
// Nothing here may import next/*, server-only, React or app/ (scripts/build-server.mjs enforces it).
// Order of checks: a key in the URL, route, method, the address's failed authentications, key (format,
// lookup, revocation, expiry), the key's IP allow-list, the key's rate limit, scope, body. Every request
// a valid key makes from an allowed address counts against its rate limit, refused by scope or not.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isAddressAllowed } from "@/lib/api-keys/ip-allow-list";
import type { KeyRecord } from "@/lib/api-keys/key-lookup";
import { type Refusal, verifyAuthorization } from "@/lib/api-keys/verify";
import { databaseOutageLog } from "@/lib/database-outage-log";
import { db } from "@/lib/db";
import { activeGateway } from "@/lib/gateway/active";
import { requestClientAddress } from "@/lib/http/client-address";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { apiLimiters } from "@/lib/rate-limit/process-limiters";
import { describeRateLimit } from "@/lib/rate-limit/rate-limit";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { grants } from "@/lib/scopes/scopes";
import { type Decision, usageRecorder } from "@/lib/usage/recorder";
import { newRequestId } from "@/lib/usage/rows";
import { readRecordBody } from "./body";
import { isDatabaseUnreachable } from "./database-unreachable";
import {
  type ApiError,
  databaseUnavailable,
  errorBody,
  internalError,
  invalid,
  invalidCursor,
  invalidLimit,
  ipNotAllowed,
  keyRateLimited,
  methodNotAllowed,
  notAuthenticated,
  notFound,
  notServedByRecordStore,
  permissionDenied,
  quotaExceeded,
  REFUSAL_DETAILS,
  tooManyFailedAuthentications,
  unknownEndpoint,
} from "./errors";
import { scanUrlForKeys } from "./keys-in-url";
import { openApiDocument } from "./openapi";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageLinks } from "./pagination";
import { createRecord, deleteRecord, type QuotaRefusal, type RecordWriter, updateRecord } from "./record-writes";
import { documentJson, findRecord, listRecords, resourceJson } from "./records";
import { type ApiRoute, hasKeyParameter, recordOperation, resolveApiRoute } from "./routes";

// Every answer, errors and 204 included, carries the API's security headers (no-store among them).
const JSON_HEADERS = { ...API_SECURITY_HEADERS, "content-type": "application/vnd.api+json" };
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A refusal keeps its ApiError until the answer is written, so the body can carry the request's id.
 * In gateway mode the forwarder writes the upstream's answer itself (`written`), and reports the
 * upstream's status and time for usage.
 */
type Answer = {
  status: number;
  body?: string;
  refusal?: ApiError;
  headers?: Record<string, string>;
  decision: Decision;
  written?: boolean;
  upstreamStatus?: number | null;
  upstreamMs?: number | null;
};

/**
 * What usage records about the request, filled in as the checks go; the client address is decided once.
 * `limitHeaders` are a rate-limited key's RateLimit fields, sent on every answer to it.
 */
type Trace = {
  requestId: string;
  key: KeyRecord | null;
  resource: string | null;
  requiredScope: string | null;
  ip: string | null;
  limitHeaders?: Record<string, string>;
};

const REFUSAL_DECISIONS: Record<Refusal, Decision> = {
  missing: "invalid",
  malformed: "invalid",
  unknown: "invalid",
  revoked: "revoked",
  expired: "expired",
};

const error = (e: ApiError, decision: Decision, headers?: Record<string, string>): Answer => ({
  status: e.status,
  refusal: e,
  decision,
  headers,
});
const ok = (status: number, payload: unknown): Answer => ({ status, body: JSON.stringify(payload), decision: "allowed" });
/** A document whose data is already JSON text (records, see resourceJson). */
const okJson = (status: number, data: string, links?: unknown): Answer => ({
  status,
  body: documentJson(data, links),
  decision: "allowed",
});
const KEY_IN_URL = "Keys in the URL are refused: send the key in the Authorization header.";

const retryAfter = (seconds: number) => ({ "retry-after": String(seconds) });

async function authenticate(req: IncomingMessage, trace: Trace): Promise<Answer | KeyRecord> {
  const limiters = apiLimiters();
  // An address over its failed authentications is refused before any lookup, whatever it sends.
  const blocked = limiters.failedAuth.blockedFor(trace.ip);
  if (blocked) return error(tooManyFailedAuthentications(blocked), "rate_limited", retryAfter(blocked));
  const verification = await verifyAuthorization(req.headers.authorization);
  trace.key = verification.key ?? null;
  if (!verification.ok) {
    const wait = await limiters.failedAuth.fail(trace.ip);
    if (wait) return error(tooManyFailedAuthentications(wait), "rate_limited", retryAfter(wait));
    return error(notAuthenticated(REFUSAL_DETAILS[verification.reason]), REFUSAL_DECISIONS[verification.reason]);
  }
  const key = verification.key;
  if (!isAddressAllowed(key.ipAllowList, trace.ip)) return error(ipNotAllowed(trace.ip), "ip_not_allowed");
  if (key.rateLimit) {
    const verdict = await limiters.keys.check(key.id, key.rateLimit);
    trace.limitHeaders = verdict.headers;
    if (!verdict.allowed)
      return error(keyRateLimited(describeRateLimit(key.rateLimit), Number(verdict.headers["retry-after"])), "rate_limited");
  }
  return key;
}

async function health(): Promise<Answer> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return ok(200, { status: "ok", database: "reachable" });
  } catch {
    return error(databaseUnavailable, "allowed");
  }
}

function introspect(key: KeyRecord): Answer {
  return ok(200, {
    data: {
      id: key.id,
      type: "api-key",
      attributes: {
        name: key.name,
        prefix: key.prefix,
        last4: key.last4,
        scopes: key.scopes,
        expiresAt: key.expiresAt?.toISOString() ?? null,
        workspace: { id: key.workspaceId, name: key.workspaceName },
      },
    },
  });
}

const quotaRefusal = (refusal: QuotaRefusal): Answer => error(quotaExceeded(refusal.quotaExceeded, refusal.limit), "bad_request");

async function resourceRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  route: Extract<ApiRoute, { kind: "resource" }>,
  trace: Trace,
): Promise<Answer> {
  const { resource, id, scope } = route;
  trace.requiredScope = scope;
  const operation = recordOperation(route.route);

  const key = await authenticate(req, trace);
  if ("status" in key) return key;
  if (!grants(key.scopes, scope)) return error(permissionDenied(scope), "missing_scope");
  // Gateway mode: the upstream serves what the key may reach, instead of the built-in record store.
  const gateway = activeGateway();
  if (gateway) {
    const context = { key, requestId: trace.requestId, ip: trace.ip, routedPath: url.pathname, answerHeaders: trace.limitHeaders };
    return gateway.forward(req, res, context);
  }

  const workspaceId = key.workspaceId;
  // A write's audit event names the key and the request's address and browser (lib/api/record-writes.ts).
  const writer: RecordWriter = { key, origin: { ip: trace.ip, userAgent: req.headers["user-agent"] ?? null } };
  if (!operation) return error(notServedByRecordStore(url.pathname), "not_found");
  // The collection's URL as the caller reached it: the list's links, and a created record's Location.
  const self = url.pathname.replace(/\/+$/, "");
  if (operation === "list") {
    const limitParam = url.searchParams.get("limit");
    const limit = limitParam === null ? DEFAULT_PAGE_SIZE : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) return error(invalidLimit, "bad_request");
    const cursor = url.searchParams.get("cursor");
    if (cursor !== null && !ID_PATTERN.test(cursor)) return error(invalidCursor, "bad_request");
    const page = await listRecords(workspaceId, resource.id, cursor, limit);
    return okJson(200, `[${page.rows.map(resourceJson).join(",")}]`, pageLinks(self, limit, cursor, page.next));
  }
  if (operation === "create") {
    const body = await readRecordBody(req, resource.id);
    if (!body.ok) return error(body.error, "bad_request");
    const row = await createRecord(writer, resource, body.attributes);
    if ("quotaExceeded" in row) return quotaRefusal(row);
    return { ...okJson(201, resourceJson(row)), headers: { location: `${self}/${row.id}` } };
  }
  // Reading, updating and deleting are the operations on a route with an id.
  const recordId = id!;
  if (!ID_PATTERN.test(recordId))
    return error(notFound(`No ${resource.label.toLowerCase()} record ${recordId.slice(0, 64)}.`), "not_found");
  const missing = error(notFound(`No ${resource.label.toLowerCase()} record ${recordId}.`), "not_found");
  if (operation === "read") {
    const row = await findRecord(workspaceId, resource.id, recordId);
    return row ? okJson(200, resourceJson(row)) : missing;
  }
  if (operation === "update") {
    const body = await readRecordBody(req, resource.id);
    if (!body.ok) return error(body.error, "bad_request");
    const row = await updateRecord(writer, resource, recordId, body.attributes);
    if (row && typeof row === "object" && "quotaExceeded" in row) return quotaRefusal(row);
    if (row === "too_deep")
      return error(invalid("This record is nested too deeply to merge changes into: delete it and create it again."), "bad_request");
    return row ? okJson(200, resourceJson(row)) : missing;
  }
  return (await deleteRecord(writer, resource, recordId)) ? { status: 204, decision: "allowed" } : missing;
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, trace: Trace): Promise<Answer> {
  if (hasKeyParameter(url.searchParams)) return error(notAuthenticated(KEY_IN_URL), "invalid");
  const target = resolveApiRoute(loadedCatalog(), req.method, url.pathname);
  if (target.kind === "not_found") return error(unknownEndpoint(url.pathname), "not_found");
  if (target.kind === "method_not_allowed") {
    trace.resource = target.resource?.id ?? null;
    return error(methodNotAllowed(url.pathname, target.allowed), "bad_request", { allow: target.allowed.join(", ") });
  }
  if (target.kind === "resource") {
    trace.resource = target.resource.id;
    return resourceRoute(req, res, url, target, trace);
  }
  if (target.route === "health") return health();
  if (target.route === "openapi.json") return ok(200, openApiDocument(loadedCatalog(), activeGateway() ? "gateway" : "store"));
  const key = await authenticate(req, trace);
  return "status" in key ? key : introspect(key);
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  // Sent back as Request-Id and in every error's id, and the key of the request's usage row: what a
  // caller quotes is what support searches for on /usage.
  const requestId = newRequestId(new Date());
  const trace: Trace = { requestId, key: null, resource: null, requiredScope: null, ip: requestClientAddress(req) };
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://api.invalid");
  } catch {
    url = new URL("http://api.invalid/api/v1/");
  }
  // Before anything else, and whatever the route: a key anywhere in the URL is refused, and only its
  // redacted form is recorded.
  const inUrl = scanUrlForKeys(req.url ?? "/");
  const path = inUrl.hasKey ? scanUrlForKeys(url.pathname).redacted : url.pathname;
  let answer: Answer;
  try {
    answer = inUrl.hasKey ? error(notAuthenticated(KEY_IN_URL), "invalid") : await route(req, res, url, trace);
  } catch (cause) {
    // The message only, and any key in it redacted: a log line must never hold a secret. An outage is
    // logged once for all the requests it fails (lib/database-outage-log.ts).
    databaseOutageLog.failed("api", cause, (message) => console.error("[api] unexpected error", message));
    answer = isDatabaseUnreachable(cause)
      ? error(databaseUnavailable, "bad_request", { "retry-after": "1" })
      : error(internalError, "bad_request");
  }
  if (!answer.written) {
    const body = answer.refusal ? errorBody(answer.refusal, requestId) : (answer.body ?? "");
    res.writeHead(answer.status, {
      ...(answer.status === 204 ? API_SECURITY_HEADERS : JSON_HEADERS),
      ...trace.limitHeaders,
      ...answer.headers,
      "request-id": requestId,
      "content-length": Buffer.byteLength(body),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }
  const upstreamMs = answer.upstreamMs ?? null;
  usageRecorder.record({
    id: requestId,
    workspaceId: trace.key?.workspaceId ?? null,
    keyId: trace.key?.id ?? null,
    method: (req.method ?? "GET").slice(0, 16),
    path: path.slice(0, 512),
    resource: trace.resource,
    requiredScope: trace.requiredScope,
    decision: answer.decision,
    status: answer.status,
    // Keysmith's own time: for a forwarded request, without the upstream's time to its response headers.
    latencyMs: performance.now() - started - (upstreamMs ?? 0),
    ip: trace.ip,
    createdAt: new Date(),
    field: answer.refusal?.pointer?.slice(0, 256) ?? null,
    upstreamStatus: answer.upstreamStatus ?? null,
    upstreamMs,
  });
}

/** The last resort when handleApiRequest itself throws: still the error shape, never a stack trace. */
export function sendInternalError(res: ServerResponse) {
  if (res.headersSent) return void res.end();
  const requestId = newRequestId(new Date());
  const body = errorBody(internalError, requestId);
  res.writeHead(500, { ...JSON_HEADERS, "request-id": requestId, "content-length": Buffer.byteLength(body) });
  res.end(body);
}
