// Which headers a gateway must not pass on (RFC 9110, section 7.6.1): those that describe one
// connection rather than the message. Used both ways: on the caller's request to the upstream and on
// the upstream's response to the caller (lib/gateway/forward.ts).
import type { IncomingHttpHeaders } from "node:http";

/** The fixed hop-by-hop fields; Connection can name more. Proxy-Connection is not standard but still sent. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "transfer-encoding",
  "upgrade",
  "proxy-authorization",
  "proxy-authenticate",
  "trailer",
]);

export type Headers = Record<string, string | string[] | undefined>;

/** The field names listed in Connection (one header or several, comma-separated, any case). */
function namedByConnection(connection: string | string[] | undefined): Set<string> {
  const values = Array.isArray(connection) ? connection : connection === undefined ? [] : [connection];
  return new Set(
    values
      .flatMap((value) => value.split(","))
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * The end-to-end headers of `headers` (names lower-case, as Node and undici give them): without the
 * hop-by-hop fields, every field Connection names, and whatever `drop` refuses.
 */
export function endToEndHeaders(
  headers: IncomingHttpHeaders | Headers,
  drop: (name: string) => boolean = () => false,
): Record<string, string | string[]> {
  const named = namedByConnection(headers.connection);
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name) || drop(name)) continue;
    kept[name] = value;
  }
  return kept;
}
