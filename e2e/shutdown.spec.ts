// docs/security.md, invariant 7: every request to /api/v1 is counted exactly once in usage after a graceful
// shutdown, also when the SIGTERM lands in the middle of load (requests in flight, keep-alive sockets
// busy, a usage batch half full). Runs a second instance of the build, on its own port and its own
// fresh SQLite file, so stopping it cannot disturb the server the other specs share. No page needed.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { generateKey } from "@/lib/api-keys/key-format";
import { type BuiltServer, freePort, startBuiltServer } from "@/lib/testing/built-server";
import { fillKeys } from "@/lib/testing/load-keys";

const DIRECTORY = ".tmp/e2e-shutdown";
const DATABASE_FILE = `${DIRECTORY}/keysmith.db`;
const LOOPS = 8;
// Responses before the signal: enough that usage batches were written and one was being filled.
const SERVED_BEFORE_SIGNAL = 1_000;

type Kind = { name: string; path: string; key: "valid" | "unknown" | "none"; status: number };
// The load keys may read lists only (lib/testing/load-keys.ts).
const KINDS: readonly Kind[] = [
  { name: "allowed", path: "/api/v1/lists", key: "valid", status: 200 },
  { name: "missing scope", path: "/api/v1/profiles", key: "valid", status: 403 },
  { name: "unknown key", path: "/api/v1/key", key: "unknown", status: 401 },
  { name: "no key", path: "/api/v1/key", key: "none", status: 401 },
];

/** What the clients saw. A response counts once its whole body arrived: then the server served it. */
type Tally = {
  served: number;
  servedAfterSignal: number;
  byStatus: Map<number, number>;
  byKind: Map<string, number>;
  unexpected: string[];
  failuresBeforeSignal: string[];
  signalled: boolean;
};

function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}` : "";
  return `${error.message}${cause}`;
}

/**
 * LOOPS concurrent loops of fetch, each cycling through KINDS from its own offset. A loop ends at its
 * first request that gets no complete response: after the signal that means the server stopped
 * accepting (refused or reset), which is a request never served. `reached` resolves at `target`
 * responses; `done` once every loop has ended.
 */
function driveLoad(base: string, secrets: { valid: string; unknown: string }, target: number) {
  const tally: Tally = {
    served: 0,
    servedAfterSignal: 0,
    byStatus: new Map(),
    byKind: new Map(),
    unexpected: [],
    failuresBeforeSignal: [],
    signalled: false,
  };
  let reachedTarget: () => void = () => {};
  const reached = new Promise<void>((resolve) => {
    reachedTarget = resolve;
  });
  const loop = async (offset: number) => {
    for (let n = offset; ; n++) {
      const kind = KINDS[n % KINDS.length]!;
      const headers: Record<string, string> = kind.key === "none" ? {} : { authorization: `Bearer ${secrets[kind.key]}` };
      let status: number;
      try {
        const response = await fetch(`${base}${kind.path}`, { headers });
        await response.arrayBuffer();
        status = response.status;
      } catch (error) {
        if (!tally.signalled) tally.failuresBeforeSignal.push(`${kind.name}: ${failureText(error)}`);
        return;
      }
      tally.served += 1;
      if (tally.signalled) tally.servedAfterSignal += 1;
      tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
      tally.byKind.set(kind.name, (tally.byKind.get(kind.name) ?? 0) + 1);
      if (status !== kind.status) tally.unexpected.push(`${kind.name}: ${status}, expected ${kind.status}`);
      if (tally.served === target) reachedTarget();
    }
  };
  const done = Promise.all(Array.from({ length: LOOPS }, (_, i) => loop(i)));
  // If every loop ends before the target (the server failed), stop waiting for it.
  return { tally, reached: Promise.race([reached, done]), done };
}

let server: BuiltServer | undefined;
let serverOutput = "";

test.afterEach(async () => {
  // Never leave the second server running, whatever failed (a timeout included).
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
  server = undefined;
  await test.info().attach("server stderr", { body: serverOutput, contentType: "text/plain" });
});

test("a graceful shutdown during load leaves every request served counted once in usage", async () => {
  fs.rmSync(DIRECTORY, { recursive: true, force: true });
  fs.mkdirSync(DIRECTORY, { recursive: true });
  serverOutput = "";
  // No demo data: then every row in ApiRequest comes from this test.
  server = await startBuiltServer({
    port: await freePort(),
    databaseFile: DATABASE_FILE,
    // Half the load is bad keys from one address: the failed-authentication limit (60 a minute) is
    // lifted out of the way, as this is about the shutdown (lib/api/rate-limit.test.ts holds the limit).
    env: { SEED_DEMO_DATA: "false", FAILED_AUTH_LIMIT_PER_MINUTE: "999999" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  server.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    serverOutput += chunk;
  });
  // The server has migrated the file; the key lookup reads through WAL, so it sees this key at once.
  const secrets = { valid: fillKeys(DATABASE_FILE, 1), unknown: generateKey() };

  const load = driveLoad(server.base, secrets, SERVED_BEFORE_SIGNAL);
  await load.reached;
  expect(load.tally.failuresBeforeSignal, "requests failed before the signal").toEqual([]);
  load.tally.signalled = true;
  server.child.kill("SIGTERM");
  const [exitCode] = await Promise.all([server.exited, load.done]);

  const { tally } = load;
  expect(exitCode, `the server's exit code; its stderr:\n${serverOutput}`).toBe(0);
  expect(tally.unexpected, "responses with another status than their kind's").toEqual([]);
  expect(tally.served).toBeGreaterThanOrEqual(SERVED_BEFORE_SIGNAL);
  // The signal came while requests were in flight: some of them were still answered.
  expect(tally.servedAfterSignal).toBeGreaterThan(0);
  for (const kind of KINDS) expect(tally.byKind.get(kind.name) ?? 0, kind.name).toBeGreaterThan(0);

  const sqlite = new Database(DATABASE_FILE, { readonly: true, fileMustExist: true });
  const stored = sqlite.prepare(`SELECT status, COUNT(*) AS n FROM "ApiRequest" GROUP BY status`).all() as { status: number; n: number }[];
  // Refusals without a key (here every 401) are counted per hour and address, not stored a row each.
  const anonymous = sqlite
    .prepare(`SELECT COALESCE(SUM("count"), 0) AS n FROM "AnonymousRefusalRollup" WHERE "decision" = 'invalid'`)
    .get() as {
    n: number;
  };
  sqlite.close();
  const rows = [
    ...stored.filter((row) => row.status !== 401),
    { status: 401, n: anonymous.n + (stored.find((row) => row.status === 401)?.n ?? 0) },
  ];
  // The readiness probes (GET /api/v1/health, 200) are /api/v1 requests the server served too.
  const expected = new Map(tally.byStatus);
  expected.set(200, (expected.get(200) ?? 0) + server.probesAnswered);
  const total = rows.reduce((sum, row) => sum + row.n, 0);
  test.info().annotations.push({
    type: "load",
    description: `${tally.served} served (${tally.servedAfterSignal} after SIGTERM), ${server.probesAnswered} probes, ${total} usage rows`,
  });
  expect(total, "usage rows against responses served").toBe(tally.served + server.probesAnswered);
  expect(Object.fromEntries(rows.map((row) => [row.status, row.n])), "usage rows by status").toEqual(Object.fromEntries(expected));
});
