// First-run setup of a production instance: while no user exists, every page leads to /setup, where
// the one-time code from the server log (setup-code.ts) creates the first account and workspace. It
// works once: the InstanceSetup row (one fixed id) is inserted in the same transaction, so a second,
// concurrent setup fails on its primary key and changes nothing. Wrong codes are throttled.
import { RateLimiterMemory } from "rate-limiter-flexible";
import { appendAuditEvent } from "@/lib/audit/append";
import type { RequestOrigin } from "@/lib/audit/types";
import { hashPassword } from "@/lib/auth/password";
import { db, type Tx } from "@/lib/db";
import { ConflictError, UserFacingError } from "@/lib/errors";
import type { SetupInput } from "@/lib/validation/accounts";
import { createWorkspaceOwnedBy } from "@/lib/workspaces/workspaces";
import { forgetSetupCode, issueSetupCode, setupCodeIssued, setupCodeMatches } from "./setup-code";

export const SETUP_ROW_ID = "instance";
export const SETUP_DONE = "This instance is already set up. Sign in instead.";
export const WRONG_SETUP_CODE = 'That setup code is not right. Copy it from the server log, from the line "first-run setup".';
export const SETUP_THROTTLED = "Too many wrong setup codes. Wait 15 minutes, then try again.";

// Per address, and in all: many addresses cannot share out more guesses than the whole budget.
const WINDOW_SECONDS = 15 * 60;
const wrongCodesPerAddress = new RateLimiterMemory({ keyPrefix: "setup-address", points: 5, duration: WINDOW_SECONDS });
const wrongCodesInAll = new RateLimiterMemory({ keyPrefix: "setup-all", points: 20, duration: WINDOW_SECONDS });

/** At start: when nobody can sign in yet, issue the setup code and print it as one clear line. */
export async function announceFirstRunSetup(log: (line: string) => void): Promise<void> {
  if ((await db.user.count()) > 0) return;
  log(`first-run setup: open /setup and enter the setup code ${issueSetupCode()} (this code is new at every start)`);
}

/** True while the instance waits for its first account (and this process holds a setup code). */
export async function setupPending(): Promise<boolean> {
  if (!setupCodeIssued()) return false;
  if ((await db.user.count()) === 0) return true;
  forgetSetupCode(); // an account was made another way (npm run user:create)
  return false;
}

/** Marks setup done inside the caller's transaction; throws ConflictError when it already is. */
export async function claimInstanceSetup(tx: Tx, userId: string): Promise<void> {
  try {
    await tx.instanceSetup.create({ data: { id: SETUP_ROW_ID, userId } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new ConflictError(SETUP_DONE);
    throw error;
  }
}

export async function completeFirstRunSetup(input: SetupInput, origin: RequestOrigin) {
  const address = origin.ip ?? "unknown";
  const [perAddress, inAll] = await Promise.all([wrongCodesPerAddress.get(address), wrongCodesInAll.get("all")]);
  if ([perAddress, inAll].some((r) => r && r.remainingPoints <= 0)) throw new UserFacingError(SETUP_THROTTLED);
  if (!(await setupPending())) throw new ConflictError(SETUP_DONE);
  if (!setupCodeMatches(input.setupCode)) {
    await Promise.all([wrongCodesPerAddress.penalty(address), wrongCodesInAll.penalty("all")]);
    throw new UserFacingError(WRONG_SETUP_CODE);
  }
  const passwordHash = await hashPassword(input.password);
  const result = await db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw new ConflictError(SETUP_DONE);
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
    await claimInstanceSetup(tx, user.id);
    const actor = { type: "user" as const, id: user.id, label: user.email };
    const workspace = await createWorkspaceOwnedBy(tx, { name: input.workspaceName, owner: user, actor, origin });
    await appendAuditEvent(tx, {
      workspaceId: workspace.id,
      actor,
      origin,
      action: "setup.completed",
      target: { type: "user", id: user.id, label: user.email },
    });
    return { user, workspace };
  });
  forgetSetupCode();
  return result;
}
