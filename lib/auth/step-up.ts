// Step-up confirmation (ASVS 5.0 V6.8 / 7.5): a session signed in a while ago, and perhaps left open, is not
// enough for the changes an attacker would want most. Rotating, revoking or deleting a key, changing a
// role, removing a member, and giving a key Full access it did not have need the password (or a code)
// again when the session's last confirmation is older than STEP_UP_MINUTES (default 10).

import { UserFacingError } from "@/lib/errors";
import type { MemberChange } from "@/lib/members/members";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { toAccessMap } from "@/lib/scopes/scopes";
import { STEP_UP_REQUIRED } from "@/lib/validation/step-up";

/** Its message is the code the browser recognizes (lib/validation/step-up.ts), not text for a person. */
export class StepUpRequiredError extends UserFacingError {
  override name = "StepUpRequiredError";
  constructor() {
    super(STEP_UP_REQUIRED);
  }
}

export function stepUpMs(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.STEP_UP_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : 10) * 60_000;
}

/** Whether a session last confirmed at `confirmedAt` must confirm again before a sensitive change. */
export function needsStepUp(confirmedAt: Date, now = Date.now(), env: Record<string, string | undefined> = process.env): boolean {
  return confirmedAt.getTime() + stepUpMs(env) <= now;
}

/** Whether `after` grants Full access (write) on a resource where `before` did not. */
export function grantsNewFullAccess(before: readonly string[], after: readonly string[]): boolean {
  const catalog = loadedCatalog();
  const was = toAccessMap(catalog, before);
  return Object.entries(toAccessMap(catalog, after)).some(([resource, access]) => access === "write" && was[resource] !== "write");
}

/**
 * Called inside the key's transaction, before the change is written: a change by a session that must
 * confirm again may keep or lower access, never add Full access, and throwing here rolls it all back.
 */
export function assertMayGrantFullAccess(change: MemberChange, before: readonly string[], after: readonly string[]): void {
  if (change.identityConfirmed === false && grantsNewFullAccess(before, after)) throw new StepUpRequiredError();
}
