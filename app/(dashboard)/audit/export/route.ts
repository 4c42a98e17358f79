// The filtered audit log as CSV or JSON Lines (?format=csv|jsonl), streamed; the filters are the page's.
// The export is recorded, then what the file holds is fixed (an unfiltered JSON Lines export has the head
// signed first), before the response starts: a failure there is a 500, not a download cut short.
import { auditExportChunks, auditExportSnapshot } from "@/lib/audit/export";
import { recordExport } from "@/lib/audit/record-export";
import { downloadResponse, exportFileName } from "@/lib/export/download";
import { exportAccess } from "@/lib/export/export-access";
import { auditQueryOf } from "@/lib/validation/audit";

export async function GET(request: Request): Promise<Response> {
  const access = await exportAccess(request, "audit.read");
  if ("refused" in access) return access.refused;
  const { exporter } = access;
  const { cursor: _cursor, ...filters } = auditQueryOf(new URL(request.url).searchParams);
  const recorded = await recordExport(exporter, "audit.exported", filters);
  const snapshot = await auditExportSnapshot(exporter.workspaceId, filters, exporter.format, recorded.seq);
  return downloadResponse(
    auditExportChunks(exporter.workspaceId, filters, exporter.format, snapshot),
    exporter.format,
    exportFileName(`audit-${exporter.workspaceName}`, filters, exporter.format),
  );
}
