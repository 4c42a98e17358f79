import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import "server-only";
import { notFound } from "@/lib/api/errors";
import { getApiKey } from "@/lib/api-keys/queries";
import { refusal, routeAccess } from "@/lib/auth/route-access";
import { type UsageQuery, usageQuerySchema } from "@/lib/validation/usage";

/**
 * A GET handler for app/api/internal/usage/*: signed in, allowed to read usage, and reading only the
 * current workspace. A key filter must name a key of that workspace: another workspace's key answers
 * 404 exactly like a missing one.
 */
export function usageReadRoute(read: (workspaceId: string, query: UsageQuery) => Promise<unknown>) {
  return async function handle(request: Request): Promise<Response> {
    const access = await routeAccess("usage.read");
    if ("refused" in access) return access.refused;
    const workspaceId = access.context.current.workspaceId;
    const parsed = usageQuerySchema(loadedCatalog()).safeParse(Object.fromEntries(new URL(request.url).searchParams));
    const keyId = parsed.success ? parsed.data.keyId : undefined;
    if (!parsed.success || (keyId && !(await getApiKey(workspaceId, keyId)))) {
      return refusal(notFound("That key was not found in this workspace."));
    }
    return Response.json(await read(workspaceId, parsed.data), { headers: { "cache-control": "no-store" } });
  };
}
