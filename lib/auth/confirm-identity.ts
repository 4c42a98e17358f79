// "Confirm it's you": the session proves again who is behind it (the password, a code from the app, or a
// recovery code), so the step-up of lib/auth/step-up.ts lets its sensitive changes through for another
// STEP_UP_MINUTES. Each attempt is counted before it is checked, by the sign-in throttle itself: an open
// session is no faster password- or code-guessing oracle than the sign-in page.

import type { z } from "zod";
import { appendAccountEvent } from "@/lib/audit/account-event";
import type { RequestOrigin } from "@/lib/audit/types";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { redeemRecoveryCode, redeemTotpCode, twoFactorStatus } from "@/lib/two-factor/two-factor";
import type { confirmIdentitySchema } from "@/lib/validation/step-up";
import { checkCredentials } from "./credentials";
import { attemptSecondFactor } from "./second-factor-attempt";

export type IdentityProof = z.output<typeof confirmIdentitySchema>;
type SessionUser = { sessionId: string; user: { id: string; email: string } };

export const TOO_MANY_CONFIRMATIONS = "Too many failed attempts. Wait 15 minutes, then try again.";
export const WRONG_PASSWORD = "That password is not right. Nothing was changed.";
export const WRONG_CODE = "That code is not right, or it was used already. Nothing was changed.";
export const SESSION_GONE = "Your session has ended. Sign in again.";
export const NO_CODE_TO_CONFIRM_WITH = "You have no authenticator app or recovery codes set up. Confirm with your password.";

/**
 * Besides the password (every account has one), the ways this person can confirm: a code from the app
 * only once it is set up, a recovery code only while one is unused. The dialog offers just these.
 */
export type ConfirmationMethods = { authenticator: boolean; recoveryCode: boolean };

export async function confirmationMethods(userId: string): Promise<ConfirmationMethods> {
  const status = await twoFactorStatus(userId);
  return { authenticator: status.totp, recoveryCode: status.recoveryCodesLeft > 0 };
}

type Outcome = "ok" | "wrong" | "throttled";

async function checkProof(session: SessionUser, proof: IdentityProof, origin: RequestOrigin): Promise<Outcome> {
  if (proof.method === "password") {
    const result = await checkCredentials(session.user.email, proof.password, origin.ip);
    return result.ok ? "ok" : result.reason === "throttled" ? "throttled" : "wrong";
  }
  const code = proof.code;
  // Refused before it is counted: without a factor there is nothing to guess, only a form sent by hand.
  const methods = await confirmationMethods(session.user.id);
  if (!methods.authenticator && !methods.recoveryCode) throw new UserFacingError(NO_CODE_TO_CONFIRM_WITH);
  // Six digits is the app's code; anything else can only be a recovery code (used up once it matches).
  return attemptSecondFactor(session.user.id, () =>
    /^\d{6}$/.test(code) ? redeemTotpCode(session.user.id, code) : redeemRecoveryCode(session.user, code, origin),
  );
}

export async function confirmIdentity(session: SessionUser, proof: IdentityProof, origin: RequestOrigin): Promise<{ confirmedAt: Date }> {
  const outcome = await checkProof(session, proof, origin);
  if (outcome === "throttled") throw new UserFacingError(TOO_MANY_CONFIRMATIONS);
  const metadata = { method: proof.method === "password" ? "password" : "code" };
  if (outcome === "wrong") {
    await db.$transaction((tx) =>
      appendAccountEvent(tx, { user: session.user, action: "auth.identity_confirmation_failed", metadata, origin }),
    );
    throw new UserFacingError(proof.method === "password" ? WRONG_PASSWORD : WRONG_CODE);
  }
  const confirmedAt = new Date();
  await db.$transaction(async (tx) => {
    const updated = await tx.session.updateMany({ where: { id: session.sessionId, userId: session.user.id }, data: { confirmedAt } });
    // Signed out (or out everywhere) meanwhile: there is no session left to confirm.
    if (updated.count !== 1) throw new UserFacingError(SESSION_GONE);
    await appendAccountEvent(tx, { user: session.user, action: "auth.identity_confirmed", metadata, origin });
  });
  return { confirmedAt };
}
