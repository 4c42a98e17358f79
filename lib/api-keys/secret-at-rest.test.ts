// What a stolen database holds: a key's whole life (create, hand over, use through the API, allowed and
// refused, rotate, narrow, revoke) through the real domain functions and the real API handler, then the whole
// database is read back as bytes: a pg_dump on PostgreSQL, the SQLite file and its write-ahead log on
// SQLite. Neither secret appears, in full or as its random part.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { createApiKey, narrowApiKeyScopes, revokeApiKey, rotateApiKey } from "@/lib/api-keys/lifecycle";
import { db } from "@/lib/db";
import { createHandover } from "@/lib/handover/handovers";
import { openHandover } from "@/lib/handover/open";
import { serveApiForTests } from "@/lib/testing/api-server";
import { changeBy, createWorkspace } from "@/lib/testing/factories";
import { keyInput } from "@/lib/testing/key-fixtures";
import { postgresServerUrl } from "@/lib/testing/test-databases";
import { usageRecorder } from "@/lib/usage/recorder";

const api = serveApiForTests();

/** pg_dump of the server's major version (Debian keeps one per version beside the wrapper). */
function pgDump(url: string): string {
  const candidates = fs.existsSync("/usr/lib/postgresql")
    ? fs
        .readdirSync("/usr/lib/postgresql")
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin/pg_dump`)
    : [];
  const binary = [...candidates, "/usr/bin/pg_dump"].find((file) => fs.existsSync(file));
  if (!binary) throw new Error("pg_dump is not installed");
  return execFileSync(binary, ["--data-only", "--inserts", url], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
}

/** Every byte the database keeps, in the form a thief would carry away. */
function databaseAtRest(): Buffer {
  const url = process.env.DATABASE_URL!;
  if (postgresServerUrl) return Buffer.from(pgDump(url));
  const file = url.slice("file:".length).split("?")[0]!;
  return Buffer.concat([file, `${file}-wal`, `${file}-journal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

async function use(secret: string) {
  for (const [method, path] of [
    ["GET", "/api/v1/key"],
    ["GET", "/api/v1/lists"],
    ["POST", "/api/v1/lists"],
    ["GET", "/api/v1/profiles"],
  ] as const) {
    const response = await api.request(path, {
      method,
      key: secret,
      body: method === "POST" ? { data: { attributes: { n: 1 } } } : undefined,
    });
    await response.arrayBuffer();
  }
}

describe("a stolen database", () => {
  it("holds no key's secret after its whole life", async () => {
    const ws = await createWorkspace(["OWNER"]);
    const change = changeBy(ws.workspace.id, ws.member("OWNER"));
    const created = await createApiKey(change, keyInput({ scopes: ["lists:write", "profiles:read"] }));
    // One handover link opened, one left pending: the pending one's seal stays in the database.
    const opened = await createHandover(change, { keyId: created.key.id, secret: created.secret });
    await openHandover(opened.token, { ip: null, userAgent: null });
    await use(created.secret);
    const rotated = await rotateApiKey(change, created.key.id, "1h");
    const pending = await createHandover(change, { keyId: rotated.key.id, secret: rotated.secret });
    await use(rotated.secret);
    await use(created.secret);
    await narrowApiKeyScopes(change, rotated.key.id, { lists: "read" }, "leak check");
    await use(rotated.secret);
    await revokeApiKey(change, rotated.key.id, "leak check");
    await use(rotated.secret);
    await usageRecorder.flush();
    expect(await db.apiRequest.count({ where: { keyId: { in: [created.key.id, rotated.key.id] } } })).toBe(20);

    const stolen = databaseAtRest();
    // The dump is the real thing: it holds the keys' display parts and the workspace.
    expect(stolen.includes(ws.workspace.name)).toBe(true);
    expect(stolen.includes(created.key.masked.split("…")[0]!)).toBe(true);
    for (const secret of [created.secret, rotated.secret]) {
      expect(stolen.includes(secret), "the full secret").toBe(false);
      expect(stolen.includes(secret.slice("ksk_".length, -6)), "its random part").toBe(false);
    }
    for (const token of [opened.token, pending.token]) expect(stolen.includes(token), "a handover link's token").toBe(false);
  });
});
