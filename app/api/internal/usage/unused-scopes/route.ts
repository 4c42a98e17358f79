// Scopes granted but unused in the last 30 days: of one key (?keyId=) or of the workspace's live keys.
import { usageReadRoute } from "@/lib/usage/internal-route";
import { keysWithUnusedScopes, unusedScopesOfKey } from "@/lib/usage/unused-scopes";

export const GET = usageReadRoute(async (workspaceId, { keyId }) =>
  keyId ? { key: await unusedScopesOfKey(workspaceId, keyId) } : keysWithUnusedScopes(workspaceId),
);
