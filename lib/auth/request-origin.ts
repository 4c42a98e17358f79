// Where a request came from, for audit events and sign-in throttling. The custom server sets
// x-forwarded-for from the socket unless TRUST_PROXY says a reverse proxy in front may set it.
import type { RequestOrigin } from "@/lib/audit/types";

type HeaderSource = { get(name: string): string | null };

export function clientIp(headers: HeaderSource): string | null {
  const forwarded = headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim().slice(0, 64) || null;
}

export function requestOrigin(headers: HeaderSource): RequestOrigin {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent") };
}
