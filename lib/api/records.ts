// The per-workspace JSON record store behind /api/v1/{resource}. Every query names the key's workspace:
// another workspace's record is not found, exactly like a missing one. Every write is audited, the key
// as its actor, in the write's own transaction: the event exists exactly when the change does.
import { appendAuditEvent } from "@/lib/audit/append";
import type { AuditAction, RequestOrigin } from "@/lib/audit/types";
import { db, type Tx } from "@/lib/db";
import type { ResourceDefinition } from "@/lib/scopes/catalog";

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

/** Who writes through the API: the key (the audit actor, in the key's workspace) and where the request came from. */
export type RecordWriter = { key: { id: string; name: string; workspaceId: string }; origin: RequestOrigin };
type Resource = Pick<ResourceDefinition, "id" | "label">;

function auditWrite(tx: Tx, writer: RecordWriter, action: AuditAction, resource: Resource, recordId: string) {
  return appendAuditEvent(tx, {
    workspaceId: writer.key.workspaceId,
    actor: { type: "key", id: writer.key.id, label: writer.key.name },
    action,
    // The resource's label as the target's, so the log's target search finds "Profiles".
    target: { type: "record", id: recordId, label: resource.label },
    metadata: { resource: resource.id },
    origin: writer.origin,
  });
}

export function createRecord(writer: RecordWriter, resource: Resource, attributes: Record<string, unknown>) {
  return db.$transaction(async (tx) => {
    const row = await tx.apiRecord.create({
      data: { workspaceId: writer.key.workspaceId, resource: resource.id, attributes: JSON.stringify(attributes) },
    });
    await auditWrite(tx, writer, "record.created", resource, row.id);
    return row;
  });
}

export function findRecord(workspaceId: string, resource: string, id: string) {
  return db.apiRecord.findFirst({ where: { id, workspaceId, resource } });
}

/** Merges the given attributes into the record's (a null removes one). */
export async function updateRecord(writer: RecordWriter, resource: Resource, id: string, attributes: Record<string, unknown>) {
  return db.$transaction(async (tx) => {
    const row = await tx.apiRecord.findFirst({ where: { id, workspaceId: writer.key.workspaceId, resource: resource.id } });
    if (!row) return null;
    let text: string;
    try {
      const merged: Record<string, unknown> = { ...(JSON.parse(row.attributes) as Record<string, unknown>), ...attributes };
      for (const [name, value] of Object.entries(attributes)) if (value === null) delete merged[name];
      text = JSON.stringify(merged);
    } catch {
      // Stored before the body limits and too deep for the parser (a RangeError): it can only be replaced.
      return "too_deep" as const;
    }
    const updated = await tx.apiRecord.update({ where: { id }, data: { attributes: text } });
    await auditWrite(tx, writer, "record.updated", resource, id);
    return updated;
  });
}

export async function deleteRecord(writer: RecordWriter, resource: Resource, id: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiRecord.deleteMany({ where: { id, workspaceId: writer.key.workspaceId, resource: resource.id } });
    if (count === 1) await auditWrite(tx, writer, "record.deleted", resource, id);
    return count === 1;
  });
}
