// The one-click narrowing: lowers a key's chosen scopes to what its requests used in the last 30 days.
// What counts as unused is decided here, in the server, at the moment of the click: a scope that was
// used since the page was drawn is left as it is.
import { narrowApiKeyScopes } from "@/lib/api-keys/lifecycle";
import { NotFoundError } from "@/lib/errors";
import type { MemberChange } from "@/lib/members/members";
import type { Access } from "@/lib/scopes/scopes";
import { UNUSED_WINDOW_DAYS, unusedScopesOfKey } from "./unused-scopes";

export async function narrowUnusedScopes(change: MemberChange, keyId: string, resources: string[]) {
  const found = await unusedScopesOfKey(change.workspaceId, keyId);
  if (!found) throw new NotFoundError("That key was not found among this workspace's live keys.");
  const chosen = found.unused.filter((scope) => resources.includes(scope.resource));
  const limits: Record<string, Access> = Object.fromEntries(chosen.map((scope) => [scope.resource, scope.suggested]));
  const key = await narrowApiKeyScopes(change, keyId, limits, `unused in the last ${UNUSED_WINDOW_DAYS} days`);
  return { key, narrowed: chosen.map((scope) => scope.resource) };
}
