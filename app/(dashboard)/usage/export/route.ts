// The filtered request log as CSV or JSON Lines (?format=csv|jsonl&keyId=&resource=&outcome=), streamed.
import { notFound } from "@/lib/api/errors";
import { getApiKey } from "@/lib/api-keys/queries";
import { recordExport } from "@/lib/audit/record-export";
import { refusal } from "@/lib/auth/route-access";
import { downloadResponse, exportFileName } from "@/lib/export/download";
import { exportAccess } from "@/lib/export/export-access";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { usageExportChunks } from "@/lib/usage/export";
import { usageQuerySchema } from "@/lib/validation/usage";

export async function GET(request: Request): Promise<Response> {
  const access = await exportAccess(request, "usage.read");
  if ("refused" in access) return access.refused;
  const { exporter } = access;
  const parsed = usageQuerySchema(loadedCatalog()).safeParse(Object.fromEntries(new URL(request.url).searchParams));
  // Another workspace's key answers 404 exactly like a missing one.
  if (!parsed.success || (parsed.data.keyId && !(await getApiKey(exporter.workspaceId, parsed.data.keyId)))) {
    return refusal(notFound("That key was not found in this workspace."));
  }
  const { keyId, resource, outcome } = parsed.data;
  const filters = { keyId, resource, outcome: outcome === "all" ? undefined : outcome };
  await recordExport(exporter, "usage.exported", filters);
  return downloadResponse(
    usageExportChunks(exporter.workspaceId, { keyId, resource, outcome }, exporter.format),
    exporter.format,
    exportFileName(`usage-${exporter.workspaceName}`, filters, exporter.format),
  );
}
