// The public API's error shape (JSON:API style, docs/architecture.md, "An API request"): every refusal looks alike.
import { randomUUID } from "node:crypto";

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
  | "unavailable"
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
export const invalid = (detail: string, pointer?: string): ApiError => ({
  status: 422,
  code: "invalid",
  title: "Invalid request",
  detail,
  pointer,
});
