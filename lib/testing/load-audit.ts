// Audit events written straight into a SQLite database file for the bench (npm run bench -- --audit):
// a million events through lib/audit/append would take an hour of transactions, and even one prepared
// insert per row from JavaScript takes over a minute on a busy machine. Here SQLite generates the rows
// itself (one INSERT ... SELECT over a recursive sequence), with the secondary indexes dropped meanwhile
// and built again after (one sort each instead of a million scattered inserts). The links are placeholders,
// not a verifiable chain: the bench measures reads and exports, which never check them.
import Database from "better-sqlite3";

const WORKSPACE = "audit-load";
const ACTIONS = ["key.created", "key.scopes_changed", "key.rotated", "key.revoked", "member.role_changed", "auth.signed_in"];

/** Fills a new workspace with `total` events, one a second ending now; returns its id. The database must be migrated. */
export function fillAuditEvents(databaseFile: string, total: number): string {
  const sqlite = new Database(databaseFile, { fileMustExist: true, timeout: 5000 });
  try {
    const nowSeconds = Math.floor(Date.now() / 1000);
    // Prisma's SQLite adapter keeps DateTime as ISO text with an explicit offset: the same form here.
    const iso = (epochSql: string) => `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${epochSql}, 'unixepoch')`;
    const action = `CASE seq % ${ACTIONS.length} ${ACTIONS.map((name, i) => `WHEN ${i} THEN '${name}'`).join(" ")} END`;
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("cache_size = -65536");
    const secondary = sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'AuditEvent' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
      )
      .all() as { name: string; sql: string }[];
    sqlite.transaction(() => {
      for (const index of secondary) sqlite.exec(`DROP INDEX "${index.name}"`);
      sqlite
        .prepare(`INSERT INTO "Workspace" (id, name, slug, createdAt, auditSeq) VALUES (?, ?, ?, ${iso("?")}, ?)`)
        .run(WORKSPACE, "Audit load", WORKSPACE, nowSeconds - total, total);
      sqlite
        .prepare(
          `WITH RECURSIVE n(seq) AS (SELECT 1 UNION ALL SELECT seq + 1 FROM n WHERE seq < @total)
           INSERT INTO "AuditEvent" (id, workspaceId, seq, actorType, actorId, actorLabel, action, targetType, targetId, targetLabel, metadata, ip, userAgent, createdAt, prevHash, hash)
           SELECT 'ae' || seq, @workspace, seq, 'user', 'user' || (seq % 20), 'member' || (seq % 20) || '@load.test', ${action},
                  'api_key', 'key' || (seq % 5000), 'Load key ' || (seq % 5000),
                  '{"after":["lists:write","profiles:read"],"before":["lists:read"]}', '192.0.2.1',
                  'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0', ${iso("@now - @total + seq")},
                  printf('%064d', seq - 1), printf('%064d', seq)
           FROM n`,
        )
        .run({ total, workspace: WORKSPACE, now: nowSeconds });
      for (const index of secondary) sqlite.exec(index.sql);
    })();
    return WORKSPACE;
  } finally {
    sqlite.close();
  }
}
