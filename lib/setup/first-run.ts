// First-run setup of a production instance: while no user exists, every page leads to /setup, where
// the one-time code from the server log (setup-code.ts) creates the first account and workspace. It
// works once: the code is spent and the InstanceSetup row (one fixed id) inserted in the same
// transaction, so a second, concurrent setup finds no code (or fails on the key) and changes nothing.
// Wrong codes count against the code itself, in the database, across instances.
import { appendAuditEvent } from "@/lib/audit/append";
import type { RequestOrigin } from "@/lib/audit/types";
import { hashPassword } from "@/lib/auth/password";
import { db, type Tx } from "@/lib/db";
import { ConflictError, UserFacingError } from "@/lib/errors";
import type { SetupInput } from "@/lib/validation/accounts";
import { createWorkspaceOwnedBy } from "@/lib/workspaces/workspaces";
import {
  checkSetupCode,
  consumeSetupCode,
  forgetSetupCode,
  issueSetupCode,
  SETUP_CODE_LIFETIME_HOURS,
  SETUP_CODE_MAX_FAILURES,
  setupCodeIssued,
} from "./setup-code";

export const SETUP_ROW_ID = "instance";
export const SETUP_DONE = "This instance is already set up. Sign in instead.";
export const WRONG_SETUP_CODE = 'That setup code is not right. Copy it from the server log, from the line "first-run setup".';
const NEW_CODE = "For a new one, run npm run setup:code on the server (or restart it) and use the code it prints.";
export const SETUP_CODE_BURNED = `Too many wrong setup codes (${SETUP_CODE_MAX_FAILURES}): this code no longer works. ${NEW_CODE}`;
export const SETUP_CODE_EXPIRED = `This setup code has expired (a code lasts ${SETUP_CODE_LIFETIME_HOURS} hours). ${NEW_CODE}`;

/**
 * When nobody can sign in yet, issues the setup code and prints it as one clear line, or says that one
 * was issued already (by another instance or an earlier start), which this start keeps. `replace` is
 * `npm run setup:code`. False when the instance has accounts (nothing to do).
 */
export async function announceFirstRunSetup(log: (line: string) => void, { replace = false } = {}): Promise<boolean> {
  if ((await db.user.count()) > 0) {
    await forgetSetupCode(); // a code left from before the first account was made another way
    return false;
  }
  const issued = await issueSetupCode({ replace });
  if (issued.code !== null) {
    log(
      `first-run setup: open /setup and enter the setup code ${issued.code} (valid on every instance until ${issued.expiresAt.toISOString()})`,
    );
  } else {
    log(
      `first-run setup: a setup code was issued at ${issued.createdAt.toISOString()} (valid until ${issued.expiresAt.toISOString()}): find it in the log of the start that issued it, or run npm run setup:code for a new one`,
    );
  }
  return true;
}

/** True while the instance waits for its first account (and a setup code was issued for it). */
export async function setupPending(): Promise<boolean> {
  if (!(await setupCodeIssued())) return false;
  if ((await db.user.count()) === 0) return true;
  await forgetSetupCode(); // an account was made another way (npm run user:create)
  return false;
}

/** Marks setup done inside the caller's transaction; throws ConflictError when it already is. */
export async function claimInstanceSetup(tx: Tx, userId: string): Promise<void> {
  try {
    await tx.instanceSetup.create({ data: { id: SETUP_ROW_ID, userId } });
    await forgetSetupCode(tx); // npm run user:create, too, leaves no code to type
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new ConflictError(SETUP_DONE);
    throw error;
  }
}

// Made when thrown, so each refusal has its own stack.
const REFUSALS = {
  none: () => new ConflictError(SETUP_DONE),
  wrong: () => new UserFacingError(WRONG_SETUP_CODE),
  burned: () => new UserFacingError(SETUP_CODE_BURNED),
  expired: () => new UserFacingError(SETUP_CODE_EXPIRED),
};

export async function completeFirstRunSetup(input: SetupInput, origin: RequestOrigin) {
  if (!(await setupPending())) throw new ConflictError(SETUP_DONE);
  const check = await checkSetupCode(input.setupCode);
  if (check !== "right") throw REFUSALS[check]();
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw new ConflictError(SETUP_DONE);
    if (!(await consumeSetupCode(tx, input.setupCode))) throw new ConflictError(SETUP_DONE);
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
}
