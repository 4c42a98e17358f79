// Audit events written straight into a SQLite database file for the bench (npm run bench -- --audit): a
// million events through lib/audit/append would take an hour of transactions. Here the chain is genuine
// (each link the HMAC under the audit key that lib/audit/hash.ts computes, with the content digest beside
// it and a signed checkpoint at the head, so verification can be measured), computed in one tight loop
// and inserted a few hundred rows per statement in one transaction, with the secondary indexes dropped
// meanwhile and built again after (one sort each instead of a million scattered inserts).
import Database from "better-sqlite3";
import { auditKeys } from "@/lib/audit/audit-keys";
import { appendCheckpoint, signCheckpoint } from "@/lib/audit/checkpoints";
import { EMPTY_DIGEST, nextContentDigest } from "@/lib/audit/content-digest";
import { type ChainedFields, eventText, expectedLink, keyedAlgorithm } from "@/lib/audit/hash";
import { checkpointSigner } from "@/lib/audit/signing-key";

const WORKSPACE = "audit-load";
const ACTIONS = ["key.created", "key.scopes_changed", "key.rotated", "key.revoked", "member.role_changed", "auth.signed_in"];
const METADATA = '{"after":["lists:write","profiles:read"],"before":["lists:read"]}';
const COLUMNS = [
  "id",
  "workspaceId",
  "seq",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "targetType",
  "targetId",
  "targetLabel",
  "metadata",
  "ip",
  "userAgent",
  "createdAt",
  "prevHash",
  "hash",
  "linkAlgorithm",
] as const;
// 17 columns x 500 rows stays under SQLite's 32766 bound parameters per statement.
const ROWS_PER_INSERT = 500;

function eventAt(seq: number, createdAt: Date): ChainedFields {
  return {
    workspaceId: WORKSPACE,
    seq,
    actorType: "user",
    actorId: `user${seq % 20}`,
    actorLabel: `member${seq % 20}@load.test`,
    action: ACTIONS[seq % ACTIONS.length]!,
    targetType: "api_key",
    targetId: `key${seq % 5000}`,
    targetLabel: `Load key ${seq % 5000}`,
    metadata: METADATA,
    ip: "192.0.2.1",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0",
    createdAt,
  };
}

/**
 * Fills a new workspace with `total` chained events, one a second ending now, and signs a checkpoint at
 * its head (the audit key and checkpoint key of this process); returns its id. The database must be migrated.
 */
export function fillAuditEvents(databaseFile: string, total: number): string {
  const sqlite = new Database(databaseFile, { fileMustExist: true, timeout: 5000 });
  try {
    const startMs = (Math.floor(Date.now() / 1000) - total) * 1000;
    const keys = auditKeys();
    const algorithm = keyedAlgorithm(keys.current);
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("cache_size = -65536");
    const secondary = sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'AuditEvent' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
      )
      .all() as { name: string; sql: string }[];
    const rowPlaceholders = `(${COLUMNS.map(() => "?").join(", ")})`;
    const insertSql = (rows: number) =>
      `INSERT INTO "AuditEvent" (${COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES ${Array(rows).fill(rowPlaceholders).join(", ")}`;
    const fullInsert = sqlite.prepare(insertSql(ROWS_PER_INSERT));
    let prevLink = "";
    let digest = EMPTY_DIGEST;
    sqlite.transaction(() => {
      for (const index of secondary) sqlite.exec(`DROP INDEX "${index.name}"`);
      sqlite
        .prepare(`INSERT INTO "Workspace" (id, name, slug, createdAt, auditSeq) VALUES (?, ?, ?, ?, 0)`)
        .run(WORKSPACE, "Audit load", WORKSPACE, prismaDate(new Date(startMs)));
      const values: unknown[] = [];
      for (let seq = 1; seq <= total; seq++) {
        const event = eventAt(seq, new Date(startMs + seq * 1000));
        // One text per event for both, as verification does.
        const text = eventText(event);
        const link = expectedLink(algorithm, keys, prevLink, text)!;
        digest = nextContentDigest(digest, text);
        const { workspaceId, actorType, actorId, actorLabel, action, targetType, targetId, targetLabel, metadata, ip, userAgent } = event;
        values.push(`ae${seq}`, workspaceId, seq, actorType, actorId, actorLabel, action, targetType, targetId, targetLabel, metadata, ip);
        values.push(userAgent, prismaDate(event.createdAt), prevLink, link, algorithm);
        prevLink = link;
        if (values.length === ROWS_PER_INSERT * COLUMNS.length) {
          fullInsert.run(values);
          values.length = 0;
        }
      }
      if (values.length) sqlite.prepare(insertSql(values.length / COLUMNS.length)).run(values);
      sqlite.prepare(`UPDATE "Workspace" SET auditSeq = ?, auditHeadHash = ? WHERE id = ?`).run(total, prevLink, WORKSPACE);
      for (const index of secondary) sqlite.exec(index.sql);
    })();
    if (total) appendCheckpoint(signCheckpoint({ workspaceId: WORKSPACE, seq: total, link: prevLink, digest }, checkpointSigner()));
    return WORKSPACE;
  } finally {
    sqlite.close();
  }
}

/** Prisma's SQLite adapter keeps DateTime as ISO text with an explicit offset: the same form here. */
function prismaDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
