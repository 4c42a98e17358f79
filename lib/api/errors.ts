// The public API's error shape (JSON:API style, DESIGN.md): every refusal looks alike.
import { randomUUID } from "node:crypto";

export type ApiErrorCode =
  | "not_authenticated"
  | "permission_denied"
  | "not_found"
  | "method_not_allowed"
  | "invalid"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

export type ApiError = { status: number; code: ApiErrorCode; title: string; detail: string };

export function errorBody(error: ApiError): string {
  return JSON.stringify({
    errors: [{ id: randomUUID(), status: String(error.status), code: error.code, title: error.title, detail: error.detail }],
  });
}
