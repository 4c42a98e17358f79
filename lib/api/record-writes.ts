// Record writes through the API, each audited with the key as its actor in the write's own transaction,
// so an event exists exactly when its change does. The writes are committed in groups: every write that
// arrives while a transaction runs, or in the same turn of the event loop, waits for the next one,
// which takes them all. A group of creates costs about five statements whatever its size (one insert
// of the records, three for the audit chain of each workspace); updates and deletes add one or two
// each. One transaction per write (five statements and a transaction each, one at a time on SQLite)
// answered about a sixth of the unaudited writes' throughput; grouped, about the same throughput as
// unaudited writes, less on a saturated machine (docs/architecture.md, "Speed").
import { randomBytes } from "node:crypto";
import { appendAuditEvents } from "@/lib/audit/append";
import type { AuditAction, RequestOrigin } from "@/lib/audit/types";
import { db, type Tx } from "@/lib/db";
import type { ResourceDefinition } from "@/lib/scopes/catalog";
import { exceededQuota, parseRecordQuota, type QuotaName, type StoreSize } from "./record-quota";

/** Who writes through the API: the key (the audit actor, in the key's workspace) and where the request came from. */
export type RecordWriter = { key: { id: string; name: string; workspaceId: string }; origin: RequestOrigin };
type Resource = Pick<ResourceDefinition, "id" | "label">;
type Attributes = Record<string, unknown>;
type Row = { id: string; workspaceId: string; resource: string; attributes: string; createdAt: Date; updatedAt: Date };

type Write =
  | { op: "create"; writer: RecordWriter; resource: Resource; attributes: Attributes }
  | { op: "update"; writer: RecordWriter; resource: Resource; id: string; attributes: Attributes }
  | { op: "delete"; writer: RecordWriter; resource: Resource; id: string };
/** A write the workspace's quota refused names the quota. */
export type QuotaRefusal = { quotaExceeded: QuotaName; limit: number };
type Outcome = Row | "too_deep" | boolean | null | QuotaRefusal;
type Pending = { write: Write; resolve(outcome: Outcome): void; reject(cause: unknown): void };

/** Writes per transaction at most: a burst is committed in slices, so no transaction grows without bound. */
const MAX_GROUP = 200;
const queue: Pending[] = [];
// Read once: an invalid RECORD_QUOTA_* value stops the start (the server imports this file).
const quota = parseRecordQuota();
let committing = false;

/** Time-ordered like the cuids the store used to assign, so the list's id order stays creation order. */
function newRecordId(at: Date): string {
  return `c${at.getTime().toString(36).padStart(8, "0")}${randomBytes(8).toString("hex")}`;
}

const AUDITED: Record<Write["op"], AuditAction> = { create: "record.created", update: "record.updated", delete: "record.deleted" };

/** The merged attributes as JSON text, or "too_deep" for a record stored too deeply nested to parse. */
function merged(stored: string, attributes: Attributes): string | "too_deep" {
  try {
    const next: Attributes = { ...(JSON.parse(stored) as Attributes), ...attributes };
    for (const [name, value] of Object.entries(attributes)) if (value === null) delete next[name];
    return JSON.stringify(next);
  } catch {
    // Stored before the body limits and too deep for the parser (a RangeError): it can only be replaced.
    return "too_deep";
  }
}

const textBytes = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * The store's size of each workspace in the group, its row locked (on PostgreSQL) until the transaction
 * ends, so writes from several instances are checked against the quota one after the other. In id
 * order, so two groups never wait for each other's locks.
 */
async function lockStoreSizes(tx: Tx, writes: Write[]): Promise<Map<string, StoreSize>> {
  const sizes = new Map<string, StoreSize>();
  for (const id of [...new Set(writes.map((w) => w.writer.key.workspaceId))].sort()) {
    const row = await tx.workspace.update({
      where: { id },
      data: { recordCount: { increment: 0 } },
      select: { recordCount: true, recordBytes: true },
    });
    sizes.set(id, { records: row.recordCount, bytes: row.recordBytes });
  }
  return sizes;
}

async function applyGroup(tx: Tx, writes: Write[]): Promise<Outcome[]> {
  const now = new Date();
  const outcomes: Outcome[] = [];
  const creates: Row[] = [];
  const sizes = await lockStoreSizes(tx, writes);
  const before = new Map(sizes);
  /** Counts the change into the workspace's size, or names the quota it would break (and changes nothing). */
  const fits = (workspaceId: string, records: number, bytes: number): QuotaRefusal | null => {
    const size = sizes.get(workspaceId)!;
    const exceeded = exceededQuota(quota, size, records, bytes);
    if (exceeded) return { quotaExceeded: exceeded, limit: quota[exceeded] };
    sizes.set(workspaceId, { records: size.records + records, bytes: size.bytes + bytes });
    return null;
  };
  for (const write of writes) {
    const workspaceId = write.writer.key.workspaceId;
    if (write.op === "create") {
      const attributes = JSON.stringify(write.attributes);
      const refused = fits(workspaceId, 1, textBytes(attributes));
      if (refused) {
        outcomes.push(refused);
        continue;
      }
      const row = { id: newRecordId(now), workspaceId, resource: write.resource.id, attributes, createdAt: now, updatedAt: now };
      creates.push(row);
      outcomes.push(row);
    } else if (write.op === "update") {
      const row = await tx.apiRecord.findFirst({ where: { id: write.id, workspaceId, resource: write.resource.id } });
      const text = row ? merged(row.attributes, write.attributes) : null;
      if (text === null || text === "too_deep") outcomes.push(text);
      else
        outcomes.push(
          fits(workspaceId, 0, textBytes(text) - textBytes(row!.attributes)) ??
            (await tx.apiRecord.update({ where: { id: write.id }, data: { attributes: text } })),
        );
    } else {
      const row = await tx.apiRecord.findFirst({
        where: { id: write.id, workspaceId, resource: write.resource.id },
        select: { attributes: true },
      });
      if (row) {
        await tx.apiRecord.delete({ where: { id: write.id } });
        fits(workspaceId, -1, -textBytes(row.attributes));
      }
      outcomes.push(row !== null);
    }
  }
  if (creates.length) await tx.apiRecord.createMany({ data: creates });
  for (const [id, size] of sizes) {
    if (size !== before.get(id)) await tx.workspace.update({ where: { id }, data: { recordCount: size.records, recordBytes: size.bytes } });
  }
  await auditGroup(tx, writes, outcomes);
  return outcomes;
}

/** One event per write that changed a record, in the order the writes arrived, per workspace. */
async function auditGroup(tx: Tx, writes: Write[], outcomes: Outcome[]) {
  const byWorkspace = new Map<string, Parameters<typeof appendAuditEvents>[2]>();
  writes.forEach((write, i) => {
    const outcome = outcomes[i];
    if (outcome === null || outcome === false || outcome === "too_deep" || (typeof outcome === "object" && "quotaExceeded" in outcome))
      return;
    const { key, origin } = write.writer;
    const events = byWorkspace.get(key.workspaceId) ?? [];
    events.push({
      actor: { type: "key", id: key.id, label: key.name },
      action: AUDITED[write.op],
      // The resource's label as the target's, so the log's target search finds "Profiles".
      target: { type: "record", id: write.op === "create" ? (outcome as Row).id : write.id, label: write.resource.label },
      metadata: { resource: write.resource.id },
      origin,
    });
    byWorkspace.set(key.workspaceId, events);
  });
  for (const [workspaceId, events] of byWorkspace) await appendAuditEvents(tx, workspaceId, events);
}

async function commit(group: Pending[]): Promise<void> {
  try {
    const outcomes = await db.$transaction((tx) =>
      applyGroup(
        tx,
        group.map((p) => p.write),
      ),
    );
    for (const [i, pending] of group.entries()) pending.resolve(outcomes[i]!);
  } catch (cause) {
    // One write must not fail the others it happened to be grouped with: alone, each fails or not on its own.
    if (group.length === 1) group[0]!.reject(cause);
    else for (const pending of group) await commit([pending]);
  }
}

async function drain(): Promise<void> {
  try {
    while (queue.length) await commit(queue.splice(0, MAX_GROUP));
  } finally {
    committing = false;
  }
}

function enqueue(write: Write): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    queue.push({ write, resolve, reject });
    if (!committing) {
      committing = true;
      // On SQLite a transaction runs in microtasks only (the driver is synchronous): started at once,
      // it would always hold this one write. One turn of the event loop lets the requests already
      // read in this turn join it (groups of about the concurrency: 16 writers, groups of 16).
      setImmediate(drain);
    }
  });
}

export function createRecord(writer: RecordWriter, resource: Resource, attributes: Attributes): Promise<Row | QuotaRefusal> {
  return enqueue({ op: "create", writer, resource, attributes }) as Promise<Row | QuotaRefusal>;
}

/** Merges the given attributes into the record's (a null removes one): null when there is no such record. */
export function updateRecord(
  writer: RecordWriter,
  resource: Resource,
  id: string,
  attributes: Attributes,
): Promise<Row | "too_deep" | null | QuotaRefusal> {
  return enqueue({ op: "update", writer, resource, id, attributes }) as Promise<Row | "too_deep" | null | QuotaRefusal>;
}

export function deleteRecord(writer: RecordWriter, resource: Resource, id: string): Promise<boolean> {
  return enqueue({ op: "delete", writer, resource, id }) as Promise<boolean>;
}
