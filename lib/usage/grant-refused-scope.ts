// "Grant" beside a scope a key was refused: raises exactly that one scope in one audited change. The
// action that calls it needs the same permission as a key edit; the scope is checked by its schema.
import { raiseApiKeyScope } from "@/lib/api-keys/lifecycle";
import type { MemberChange } from "@/lib/members/members";
import type { Scope } from "@/lib/scopes/scopes";
import { UNUSED_WINDOW_DAYS } from "./unused-scopes";

export function grantRefusedScope(change: MemberChange, keyId: string, scope: Scope) {
  return raiseApiKeyScope(change, keyId, scope, `refused in the last ${UNUSED_WINDOW_DAYS} days`);
}
