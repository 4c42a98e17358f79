// The audit log as a download: the filtered events in chain order, with their links, so an auditor can
// check them offline. The export itself is an audit event, written before the first row leaves.
import { csvRecord } from "@/lib/export/csv";
import type { AuditFilters } from "@/lib/validation/audit";
import type { ExportFormat } from "@/lib/validation/export";
import { latestCheckpoint } from "./checkpoints";
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

/** The export's text, a batch at a time: CSV with a header row, or one event per JSON line and the checkpoint last. */
export async function* auditExportChunks(workspaceId: string, filters: AuditFilters, format: ExportFormat): AsyncGenerator<string> {
  if (format === "csv") yield csvRecord(CSV_COLUMNS);
  for await (const batch of auditEventBatches(workspaceId, filters)) {
    yield batch
      .map((event) =>
        format === "csv"
          ? csvRecord(CSV_COLUMNS.map((column) => (column === "description" ? describeAuditEvent(event) : event[column])))
          : `${JSON.stringify(event)}\n`,
      )
      .join("");
  }
  if (format === "jsonl") yield `${JSON.stringify({ checkpoint: await latestCheckpoint(workspaceId) })}\n`;
}
