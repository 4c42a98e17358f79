// An export is itself an audit event (who took which data out, with which filters, in which format),
// committed before the first row leaves, so a download the log does not show cannot happen.
import { db } from "@/lib/db";
import type { ExportFormat } from "@/lib/validation/export";
import { appendAuditEvent } from "./append";
import type { AuditActor, RequestOrigin } from "./types";

export type ExportRequest = { workspaceId: string; workspaceName: string; actor: AuditActor; origin: RequestOrigin; format: ExportFormat };

export async function recordExport(request: ExportRequest, action: "audit.exported" | "usage.exported", filters: object) {
  return db.$transaction((tx) =>
    appendAuditEvent(tx, {
      workspaceId: request.workspaceId,
      actor: request.actor,
      action,
      target: { type: "workspace", id: request.workspaceId, label: request.workspaceName },
      metadata: { format: request.format, filters },
      origin: request.origin,
    }),
  );
}
