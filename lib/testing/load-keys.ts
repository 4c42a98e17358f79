// Real keys written straight into a SQLite database file, for load runs against a server on that file
// (npm run bench, e2e/shutdown.spec.ts). Creating a million keys through lib/api-keys would take hours
// of audit events; here each row costs one prepared insert, in transactions of 50,000.
import Database from "better-sqlite3";
import { displayParts, generateKey, hashKey } from "@/lib/api-keys/key-format";
import { comparableName } from "@/lib/validation/text";

/** What every load key may do: read lists (so GET /api/v1/lists is allowed, GET /api/v1/profiles is not). */
export const LOAD_KEY_SCOPES = ["lists:read"] as const;

const WORKSPACE_SLUG = "load-test";
const BATCH = 50_000;

/** The load keys' workspace, created on first use so the database needs no demo data. */
function workspaceId(sqlite: Database.Database, createdAt: string): string {
  const found = sqlite.prepare(`SELECT id FROM "Workspace" WHERE slug = ?`).get(WORKSPACE_SLUG) as { id: string } | undefined;
  if (found) return found.id;
  sqlite
    .prepare(`INSERT INTO "Workspace" (id, name, slug, createdAt) VALUES (?, ?, ?, ?)`)
    .run(WORKSPACE_SLUG, "Load test", WORKSPACE_SLUG, createdAt);
  return WORKSPACE_SLUG;
}

/**
 * Adds keys until the database holds `total` (counting every key already there) and returns the
 * secret of the last one added, each key granted `scopes`. The database must be migrated (start the
 * server on it once first).
 */
export function fillKeys(databaseFile: string, total: number, scopes: readonly string[] = LOAD_KEY_SCOPES): string {
  const sqlite = new Database(databaseFile, { fileMustExist: true, timeout: 5000 });
  try {
    // Prisma's SQLite adapter keeps DateTime as ISO text with an explicit offset: the same form here.
    const now = new Date().toISOString().replace("Z", "+00:00");
    const workspace = workspaceId(sqlite, now);
    const existing = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "ApiKey"`).get() as { n: number }).n;
    const insert = sqlite.prepare(
      `INSERT INTO "ApiKey" (id, workspaceId, name, nameKey, description, hash, hashAlgorithm, prefix, last4, scopes, expirationPolicy, createdByLabel, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, '', ?, 'sha256', ?, ?, ?, 'never', 'load test', ?, ?)`,
    );
    const scopeList = JSON.stringify(scopes);
    let secret = "";
    const batch = sqlite.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const key = generateKey();
        const { prefix, last4 } = displayParts(key);
        // The comparable name too, as the app writes it: without it the server's start would backfill a
        // million names one update at a time before it answers.
        const name = `Load key ${i}`;
        insert.run(`load${i}`, workspace, name, comparableName(name), hashKey(key), prefix, last4, scopeList, now, now);
        secret = key;
      }
    });
    for (let from = existing; from < total; from += BATCH) batch(from, Math.min(total, from + BATCH));
    if (!secret) throw new Error(`${databaseFile} already holds ${existing} keys, not fewer than ${total}`);
    return secret;
  } finally {
    sqlite.close();
  }
}
