import "server-only";
import type { ExportRequest } from "@/lib/audit/record-export";
import { currentRequestOrigin } from "@/lib/auth/current";
import type { Permission } from "@/lib/auth/permissions";
import { routeAccess } from "@/lib/auth/route-access";
import { exportFormatSchema } from "@/lib/validation/export";

/**
 * For the export route handlers: the signed-in member allowed to read what is exported, as the actor
 * of the export's audit event, and the format asked for; or the refusal to send. Like every route,
 * the check happens here, on each request, and the workspace is the session's.
 */
export async function exportAccess(request: Request, permission: Permission): Promise<{ refused: Response } | { exporter: ExportRequest }> {
  const access = await routeAccess(permission);
  if ("refused" in access) return access;
  const { user, current } = access.context;
  return {
    exporter: {
      workspaceId: current.workspaceId,
      workspaceName: current.workspaceName,
      actor: { type: "user", id: user.id, label: user.email },
      origin: await currentRequestOrigin(),
      format: exportFormatSchema.parse(new URL(request.url).searchParams.get("format") ?? undefined),
    },
  };
}
