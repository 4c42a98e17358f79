// Where a request came from, for audit events and sign-in throttling. server.ts decides the client
// address once per request (lib/http/client-address.ts) and passes it in a header it owns; nothing
// here reads X-Forwarded-For, which the client can write.
import type { RequestOrigin } from "@/lib/audit/types";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";

type HeaderSource = { get(name: string): string | null };

export function clientIp(headers: HeaderSource): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER) || null;
}

export function requestOrigin(headers: HeaderSource): RequestOrigin {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent") };
}
