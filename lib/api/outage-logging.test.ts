// The API and the usage recorder against a PostgreSQL that is not there (a closed port, not a stopped
// service: other tests use the real one): every request answers 503, and the log holds one line for the
// outage, not one per request or per usage flush (lib/database-outage-log.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateKey } from "@/lib/api-keys/key-format";
import { databaseOutageLog } from "@/lib/database-outage-log";
import { serveApiForTests } from "@/lib/testing/api-server";
import { usageRecorder } from "@/lib/usage/recorder";

// Hoisted above the imports, so lib/db's client (and the usage writer) point at the closed port.
vi.hoisted(() => {
  process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/keysmith";
  delete (globalThis as { __keysmithDb?: unknown }).__keysmithDb;
});

const api = serveApiForTests();

const REQUESTS = 60;
const logged: string[] = [];

beforeAll(() => {
  for (const method of ["error", "warn", "log"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe("while the database is unreachable", () => {
  it(`${REQUESTS} requests and their usage flushes log one line`, { timeout: 60_000 }, async () => {
    const statuses = await Promise.all(
      Array.from({ length: REQUESTS }, () => api.request("/api/v1/key", { key: generateKey() }).then((res) => res.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([503]));
    // Each flush fails, re-queues its events and fails again: none of them adds a line either.
    for (let i = 0; i < 3; i++) await usageRecorder.flush();
    expect(logged).toEqual([
      expect.stringMatching(/^\[db\] database unreachable \((api|usage): .+\); further failures are summarised every 60 s$/),
    ]);
    expect(databaseOutageLog.inOutage).toBe(true);
  });

  it("the verify endpoint answers 503 with Retry-After too", async () => {
    vi.stubEnv("KEYSMITH_SERVICE_TOKEN", "outage-service-token-0123456789abcdef");
    const response = await api.request("/api/keysmith/verify", {
      method: "POST",
      body: { key: generateKey(), scope: "profiles:read" },
      headers: { authorization: "Bearer outage-service-token-0123456789abcdef" },
    });
    vi.unstubAllEnvs();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
  });
});
