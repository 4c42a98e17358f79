// The narrowing of unused scopes, and its undo: lowers a key's chosen scopes to what its requests used
// in the last 30 days. What counts as unused is decided here, in the server, at the moment of the
// click: a scope that was used since the page was drawn is left as it is, and a key too new to judge
// is not narrowed at all.
import { narrowApiKeyScopes, undoNarrowing } from "@/lib/api-keys/lifecycle";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { MemberChange } from "@/lib/members/members";
import type { Access } from "@/lib/scopes/scopes";
import { READINESS } from "./readiness";
import { UNUSED_WINDOW_DAYS, unusedScopesOfKey } from "./unused-scopes";

export const NARROWED_FOR = `unused in the last ${UNUSED_WINDOW_DAYS} days`;
/** How long a narrowing can be undone; the screens offer it for less. */
export const UNDO_WITHIN_MS = 10 * 60 * 1000;

export async function narrowUnusedScopes(change: MemberChange, keyId: string, resources: string[]) {
  const found = await unusedScopesOfKey(change.workspaceId, keyId);
  if (!found) throw new NotFoundError("That key was not found among this workspace's live keys.");
  if (!found.ready)
    throw new ConflictError(
      `This key is too new to judge: suggestions wait for ${READINESS.days} days and ${READINESS.requests} requests.`,
    );
  const chosen = found.unused.filter((scope) => resources.includes(scope.resource));
  const limits: Record<string, Access> = Object.fromEntries(chosen.map((scope) => [scope.resource, scope.suggested]));
  const { key, eventId } = await narrowApiKeyScopes(change, keyId, limits, NARROWED_FOR);
  return { key, eventId, narrowed: eventId ? chosen.map((scope) => scope.resource) : [] };
}

export function undoUnusedScopesNarrowing(change: MemberChange, keyId: string, eventId: string) {
  return undoNarrowing(change, keyId, eventId, { narrowedFor: NARROWED_FOR, reason: "undo of a narrowing", withinMs: UNDO_WITHIN_MS });
}
