// The per-workspace JSON record store behind /api/v1/{resource}. Every query names the key's workspace:
// another workspace's record is not found, exactly like a missing one. Writes: lib/api/record-writes.ts.
import { db } from "@/lib/db";

type Row = { id: string; resource: string; attributes: string; createdAt: Date; updatedAt: Date };

/**
 * A record as its JSON:API resource, as JSON text. The stored attributes are spliced in as stored
 * (JSON.stringify wrote them): parsing and re-serializing them would cost time on every read, and a
 * record stored deeply nested before the body limits existed would overflow the stack and fail the
 * whole list it is in.
 */
export function resourceJson(row: Row): string {
  const meta = JSON.stringify({ createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() });
  return `{"id":${JSON.stringify(row.id)},"type":${JSON.stringify(row.resource)},"attributes":${row.attributes},"meta":${meta}}`;
}

/** A JSON:API document around data that is already JSON text (one resourceJson, or an array of them). */
export function documentJson(data: string, links?: unknown): string {
  return `{"data":${data}${links === undefined ? "" : `,"links":${JSON.stringify(links)}`}}`;
}

export async function listRecords(workspaceId: string, resource: string, after: string | null, limit: number) {
  const rows = await db.apiRecord.findMany({
    where: { workspaceId, resource, ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1]!.id : null };
}

export function findRecord(workspaceId: string, resource: string, id: string) {
  return db.apiRecord.findFirst({ where: { id, workspaceId, resource } });
}
