// Whether an error means the database cannot be reached right now (down, restarting, refusing
// connections), as opposed to a bug: the API answers the first with 503 `unavailable`, so a client
// knows to retry, and keeps 500 for the second. Drivers and Prisma wrap the cause differently, so the
// whole cause chain is searched.

// Socket errors, PostgreSQL's connection-exception class (08) and shutdown codes (57P01-57P03), and
// Prisma's "can't reach / connection closed / pool timeout" codes.
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "57P01",
  "57P02",
  "57P03",
  "P1001",
  "P1002",
  "P1017",
  "P2024",
]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection (?:is )?(?:closed|ended)|Can't reach database|server closed the connection|the database system is (?:shutting down|starting up)|DatabaseNotReachable/i;

export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === "object" && !seen.has(current); ) {
    seen.add(current);
    const { code, kind, message, cause } = current as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || code.startsWith("08"))) return true;
    if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed") return true;
    if (typeof message === "string" && UNREACHABLE_MESSAGES.test(message)) return true;
    current = cause;
  }
  return false;
}
