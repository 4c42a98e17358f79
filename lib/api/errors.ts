// The public API's error shape (JSON:API style, docs/architecture.md, "An API request"): every refusal looks alike.
import { randomUUID } from "node:crypto";
import type { Refusal } from "@/lib/api-keys/verify";
import { MAX_PAGE_SIZE } from "./pagination";
import { QUOTA_VARIABLES, type QuotaName } from "./record-quota";

export type ApiErrorCode =
  | "not_authenticated"
  | "permission_denied"
  | "ip_not_allowed"
  | "not_found"
  | "method_not_allowed"
  | "invalid"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "quota_exceeded"
  | "unavailable"
  | "upstream_unavailable"
  | "upstream_timeout"
  | "internal";

export type ApiError = { status: number; code: ApiErrorCode; title: string; detail: string; pointer?: string };

/** `id` is the request's id where the caller can quote it to support (the API's Request-Id). */
export function errorBody(error: ApiError, id: string = randomUUID()): string {
  const { status, code, title, detail, pointer } = error;
  return JSON.stringify({
    errors: [{ id, status: String(status), code, title, detail, ...(pointer ? { source: { pointer } } : {}) }],
  });
}

export const notAuthenticated = (detail: string): ApiError => ({
  status: 401,
  code: "not_authenticated",
  title: "Not authenticated",
  detail,
});
export const permissionDenied = (scope: string): ApiError => ({
  status: 403,
  code: "permission_denied",
  title: "Permission denied",
  detail: `This key lacks the ${scope} scope.`,
});
export const ipNotAllowed = (address: string | null): ApiError => ({
  status: 403,
  code: "ip_not_allowed",
  title: "IP address not allowed",
  detail: address ? `This key may not be used from ${address}.` : "This key may not be used from an unknown address.",
});
export const notFound = (detail: string): ApiError => ({ status: 404, code: "not_found", title: "Not found", detail });
export const unknownEndpoint = (path: string): ApiError => notFound(`No endpoint at ${path}.`);
/** A catalog route whose shape the built-in record store has no operation for (a gateway forwards those). */
export const notServedByRecordStore = (path: string): ApiError => notFound(`${path} is not served by the built-in record store.`);
export const invalid = (detail: string, pointer?: string): ApiError => ({
  status: 422,
  code: "invalid",
  title: "Invalid request",
  detail,
  pointer,
});
export const methodNotAllowed = (path: string, allowed: string[]): ApiError => ({
  status: 405,
  code: "method_not_allowed",
  title: "Method not allowed",
  detail: `${path} answers ${allowed.join(", ")}.`,
});
export const unsupportedMediaType: ApiError = {
  status: 415,
  code: "unsupported_media_type",
  title: "Unsupported media type",
  detail: "Send the body as application/json.",
};
export const payloadTooLarge = (maxBytes: number): ApiError => ({
  status: 413,
  code: "payload_too_large",
  title: "Payload too large",
  detail: `The body is over the limit of ${maxBytes} bytes.`,
});
export const keyRateLimited = (limit: string, retryAfterSeconds: number): ApiError => ({
  status: 429,
  code: "rate_limited",
  title: "Rate limited",
  detail: `This key's limit is ${limit}: try again in ${retryAfterSeconds} ${retryAfterSeconds === 1 ? "second" : "seconds"}.`,
});
export const tooManyFailedAuthentications = (retryAfterSeconds: number): ApiError => ({
  status: 429,
  code: "rate_limited",
  title: "Rate limited",
  detail: `Too many failed authentications from this address: try again in ${retryAfterSeconds} ${retryAfterSeconds === 1 ? "second" : "seconds"}.`,
});
export const quotaExceeded = (quota: QuotaName, limit: number): ApiError => ({
  status: 422,
  code: "quota_exceeded",
  title: "Quota exceeded",
  detail:
    quota === "records"
      ? `This workspace's record store is full: its quota is ${limit} records (${QUOTA_VARIABLES.records}). Delete records to make room.`
      : `This workspace's record store is full: its quota is ${limit} bytes of attributes (${QUOTA_VARIABLES.bytes}). Delete records or make them smaller.`,
});
export const databaseUnavailable: ApiError = {
  status: 503,
  code: "unavailable",
  title: "Service unavailable",
  detail: "The database is not reachable.",
};
// Gateway mode (docs/gateway.md): the upstream could not be reached, or sent no response headers in time.
export const upstreamUnavailable: ApiError = {
  status: 502,
  code: "upstream_unavailable",
  title: "Upstream unavailable",
  detail: "The service behind this API could not be reached.",
};
export const upstreamTimeout = (timeoutMs: number): ApiError => ({
  status: 504,
  code: "upstream_timeout",
  title: "Upstream timeout",
  detail: `The service behind this API did not answer within ${timeoutMs} ms.`,
});
export const internalError: ApiError = {
  status: 500,
  code: "internal",
  title: "Internal error",
  detail: "Something went wrong on our side.",
};

/** What a 401 says for each reason a key was not accepted. */
export const REFUSAL_DETAILS: Record<Refusal, string> = {
  missing: "Send your key in the Authorization header: Authorization: Bearer ksk_…",
  malformed: "The Authorization header does not hold a well-formed Keysmith key (Bearer ksk_…).",
  unknown: "This key is not valid.",
  revoked: "This key was revoked.",
  expired: "This key has expired.",
};
export const invalidLimit = invalid(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
export const invalidCursor = invalid("cursor is not one this API gave out.");
