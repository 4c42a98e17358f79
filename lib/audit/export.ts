// The audit log as a download: the filtered events in chain order, with their links, so an auditor can
// check them offline. The export itself is an audit event, written before the first row leaves; what
// the file holds is fixed after it (auditExportSnapshot): an unfiltered JSON Lines export first has the
// head signed, so every event in it, its own included, is covered by the checkpoint it ends with.
import { csvRecord } from "@/lib/export/csv";
import type { AuditFilters } from "@/lib/validation/audit";
import type { ExportFormat } from "@/lib/validation/export";
import { checkpointHead } from "./checkpoint-sweep";
import { latestCheckpoint, type SignedCheckpoint } from "./checkpoints";
import { describeAuditEvent } from "./describe";
import { auditEventBatches } from "./queries";

const CSV_COLUMNS = [
  "seq",
  "createdAt",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "description",
  "targetType",
  "targetId",
  "targetLabel",
  "ip",
  "userAgent",
  "metadata",
  "id",
  "prevHash",
  "hash",
  "linkAlgorithm",
] as const;

/** What one export holds: the events through `throughSeq`, and (JSON Lines) the checkpoint it ends with. */
export type AuditExportSnapshot = { throughSeq: number; checkpoint: SignedCheckpoint | null };

/** Whether any filter narrows the export: a filtered one leaves events out, so it cannot verify offline. */
export function auditFiltersApplied(filters: AuditFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}

/**
 * Fixes what an export holds, once its own audit event (`exportSeq`) is written. Only an unfiltered JSON
 * Lines export can be verified, so only it has the head signed first (the sweep's code, the same file
 * and log line; skipped when a checkpoint covers the head already); the others end at the latest one.
 */
export async function auditExportSnapshot(
  workspaceId: string,
  filters: AuditFilters,
  format: ExportFormat,
  exportSeq: number,
): Promise<AuditExportSnapshot> {
  if (format === "csv") return { throughSeq: exportSeq, checkpoint: null };
  const checkpoint = auditFiltersApplied(filters)
    ? await latestCheckpoint(workspaceId)
    : await checkpointHead(
        workspaceId,
        (line) => console.error(`[audit] ${line}`),
        (line) => console.warn(line),
      );
  // The checkpoint may be past the export's event (others appended meanwhile) or, over a broken tail
  // that could not be signed, before it: the file holds both.
  return { throughSeq: Math.max(exportSeq, checkpoint?.seq ?? 0), checkpoint };
}

/**
 * The export's text, a batch at a time: CSV with a header row, or one event per JSON line and the
 * checkpoint last, with the filters when any applied (so the verifier can say why the file cannot verify).
 */
export async function* auditExportChunks(
  workspaceId: string,
  filters: AuditFilters,
  format: ExportFormat,
  { throughSeq, checkpoint }: AuditExportSnapshot,
): AsyncGenerator<string> {
  if (format === "csv") yield csvRecord(CSV_COLUMNS);
  for await (const batch of auditEventBatches(workspaceId, filters, { throughSeq })) {
    yield batch
      .map((event) =>
        format === "csv"
          ? csvRecord(CSV_COLUMNS.map((column) => (column === "description" ? describeAuditEvent(event) : event[column])))
          : `${JSON.stringify(event)}\n`,
      )
      .join("");
  }
  if (format === "jsonl") yield `${JSON.stringify(auditFiltersApplied(filters) ? { checkpoint, filters } : { checkpoint })}\n`;
}
