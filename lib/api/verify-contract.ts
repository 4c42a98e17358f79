// The verify endpoint's contract (lib/api/verify-endpoint.ts answers it): its path, its body limit
// and the answers it gives. Plain data, so the OpenAPI document and the /docs page state it without
// importing the endpoint's server code.
import type { Scope } from "@/lib/scopes/scopes";

export const VERIFY_PATH = "/api/keysmith/verify";
export const MAX_VERIFY_BODY_BYTES = 8 * 1024;

/** Why a key is not valid for what was asked; `rate_limited`: over the key's rate limit (with RateLimit headers). */
export const VERIFY_CODES = ["unknown", "revoked", "expired", "missing_scope", "rate_limited", "ip_not_allowed"] as const;
export type VerifyCode = (typeof VERIFY_CODES)[number];

export type VerifyAnswer =
  | { valid: true; keyId: string; workspaceId: string; scopes: string[]; expiresAt: string | null }
  | { valid: false; code: VerifyCode; requiredScope: Scope };
