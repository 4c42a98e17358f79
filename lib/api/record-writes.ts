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

/** Who writes through the API: the key (the audit actor, in the key's workspace) and where the request came from. */
export type RecordWriter = { key: { id: string; name: string; workspaceId: string }; origin: RequestOrigin };
type Resource = Pick<ResourceDefinition, "id" | "label">;
type Attributes = Record<string, unknown>;
type Row = { id: string; workspaceId: string; resource: string; attributes: string; createdAt: Date; updatedAt: Date };

type Write =
  | { op: "create"; writer: RecordWriter; resource: Resource; attributes: Attributes }
  | { op: "update"; writer: RecordWriter; resource: Resource; id: string; attributes: Attributes }
  | { op: "delete"; writer: RecordWriter; resource: Resource; id: string };
type Outcome = Row | "too_deep" | boolean | null;
type Pending = { write: Write; resolve(outcome: Outcome): void; reject(cause: unknown): void };

/** Writes per transaction at most: a burst is committed in slices, so no transaction grows without bound. */
const MAX_GROUP = 200;
const queue: Pending[] = [];
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

async function applyGroup(tx: Tx, writes: Write[]): Promise<Outcome[]> {
  const now = new Date();
  const outcomes: Outcome[] = [];
  const creates: Row[] = [];
  for (const write of writes) {
    const workspaceId = write.writer.key.workspaceId;
    if (write.op === "create") {
      const row = {
        id: newRecordId(now),
        workspaceId,
        resource: write.resource.id,
        attributes: JSON.stringify(write.attributes),
        createdAt: now,
        updatedAt: now,
      };
      creates.push(row);
      outcomes.push(row);
    } else if (write.op === "update") {
      const row = await tx.apiRecord.findFirst({ where: { id: write.id, workspaceId, resource: write.resource.id } });
      const text = row ? merged(row.attributes, write.attributes) : null;
      if (text === null || text === "too_deep") outcomes.push(text);
      else outcomes.push(await tx.apiRecord.update({ where: { id: write.id }, data: { attributes: text } }));
    } else {
      const { count } = await tx.apiRecord.deleteMany({ where: { id: write.id, workspaceId, resource: write.resource.id } });
      outcomes.push(count === 1);
    }
  }
  if (creates.length) await tx.apiRecord.createMany({ data: creates });
  await auditGroup(tx, writes, outcomes);
  return outcomes;
}

/** One event per write that changed a record, in the order the writes arrived, per workspace. */
async function auditGroup(tx: Tx, writes: Write[], outcomes: Outcome[]) {
  const byWorkspace = new Map<string, Parameters<typeof appendAuditEvents>[2]>();
  writes.forEach((write, i) => {
    const outcome = outcomes[i];
    if (outcome === null || outcome === false || outcome === "too_deep") return;
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

export function createRecord(writer: RecordWriter, resource: Resource, attributes: Attributes): Promise<Row> {
  return enqueue({ op: "create", writer, resource, attributes }) as Promise<Row>;
}

/** Merges the given attributes into the record's (a null removes one): null when there is no such record. */
export function updateRecord(
  writer: RecordWriter,
  resource: Resource,
  id: string,
  attributes: Attributes,
): Promise<Row | "too_deep" | null> {
  return enqueue({ op: "update", writer, resource, id, attributes }) as Promise<Row | "too_deep" | null>;
}

export function deleteRecord(writer: RecordWriter, resource: Resource, id: string): Promise<boolean> {
  return enqueue({ op: "delete", writer, resource, id }) as Promise<boolean>;
}
