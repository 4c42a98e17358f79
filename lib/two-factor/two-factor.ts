// A user's second factors: the authenticator app (TOTP), recovery codes, and passkeys (passkeys.ts).
// Enabling and disabling are audited in each of the user's workspaces.
import QRCode from "qrcode";
import { appendAccountEvent } from "@/lib/audit/account-event";
import type { RequestOrigin } from "@/lib/audit/types";
import { verifyPassword } from "@/lib/auth/password";
import { attemptSecondFactor } from "@/lib/auth/second-factor-attempt";
import { db, type Tx } from "@/lib/db";
import { ConflictError, UserFacingError } from "@/lib/errors";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";
import { openSecret, sealSecret } from "./secret-box";
import { matchTotpStep, newTotpSecret, totpUri } from "./totp";

type User = { id: string; email: string };

export const WRONG_CODE = "That code is not right. Check the time on your phone, or wait for the next code.";

export type TwoFactorStatus = { totp: boolean; passkeys: number; recoveryCodesLeft: number };

export async function twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const [user, passkeys, recoveryCodesLeft] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } }),
    db.passkey.count({ where: { userId } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { totp: user.totpEnabledAt !== null, passkeys, recoveryCodesLeft };
}

export async function hasSecondFactor(userId: string): Promise<boolean> {
  const status = await twoFactorStatus(userId);
  return status.totp || status.passkeys > 0;
}

/** Step one of enrolment: a new secret, kept (encrypted) as pending until a code from it is entered. */
export async function startTotpEnrolment(user: User): Promise<{ uri: string; secret: string; qrCode: string }> {
  const current = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true } });
  if (current.totpEnabledAt) throw new ConflictError("The authenticator app is already set up. Turn it off first to set up another.");
  const secret = newTotpSecret();
  await db.user.update({ where: { id: user.id }, data: { totpPendingSecret: sealSecret(secret) } });
  const uri = totpUri(secret, user.email);
  // An SVG as a data URL: drawn on the server, no script, shown by a plain <img>.
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { uri, secret, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

// Accepts the step only if it is later than the last one used: a code seen once (over a shoulder,
// in a phishing proxy) cannot be used again within its window. The conditional update decides
// between two requests that present the same code at once.
async function claimStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const claimed = await tx.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return claimed.count === 1;
}

/** Step two: the first code proves the app has the secret. Returns the recovery codes, shown once. */
export async function confirmTotpEnrolment(user: User, code: string, origin: RequestOrigin): Promise<string[]> {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpPendingSecret: true, totpEnabledAt: true } });
  if (row.totpEnabledAt) throw new ConflictError("The authenticator app is already set up.");
  const secret = row.totpPendingSecret ? openSecret(row.totpPendingSecret) : null;
  if (!secret) throw new UserFacingError("Start the setup again: press “Set up authenticator app”.");
  const step = matchTotpStep(secret, code.trim());
  if (step === null) throw new UserFacingError(WRONG_CODE);
  const codes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    const enabled = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, totpPendingSecret: row.totpPendingSecret },
      data: { totpSecret: row.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (enabled.count !== 1) throw new ConflictError("The setup changed meanwhile. Start it again.");
    await replaceRecoveryCodes(tx, user.id, codes);
    await appendAccountEvent(tx, { user, action: "auth.two_factor_enabled", metadata: { method: "authenticator app" }, origin });
  });
  return codes;
}

async function replaceRecoveryCodes(tx: Tx, userId: string, codes: string[]) {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, hash: hashRecoveryCode(code) })) });
}

/** Whether the code is the user's current TOTP code, not used before; consumes its time step. */
export async function redeemTotpCode(userId: string, code: string): Promise<boolean> {
  const row = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true } });
  const secret = row.totpSecret ? openSecret(row.totpSecret) : null;
  if (!secret) return false;
  const step = matchTotpStep(secret, code.trim());
  if (step === null) return false;
  return db.$transaction((tx) => claimStep(tx, userId, step));
}

/** Uses one recovery code, once; audited in each of the user's workspaces. */
export async function redeemRecoveryCode(user: User, code: string, origin: RequestOrigin): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const used = await tx.recoveryCode.updateMany({
      where: { userId: user.id, hash: hashRecoveryCode(code), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return false;
    const left = await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
    await appendAccountEvent(tx, { user, action: "auth.recovery_code_used", metadata: { recoveryCodesLeft: left }, origin });
    return true;
  });
}

/** Turning the app off takes a current code or the password, so an unattended session cannot. */
export async function disableTotp(user: User, proof: string, origin: RequestOrigin): Promise<void> {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true, passwordHash: true } });
  if (!row.totpEnabledAt) throw new ConflictError("The authenticator app is not set up.");
  // Counted like wrong codes at sign-in, so a left-open session is no password-guessing oracle.
  const outcome = await attemptSecondFactor(user.id, () =>
    /^\s*\d{6}\s*$/.test(proof) ? redeemTotpCode(user.id, proof) : verifyPassword(row.passwordHash, proof),
  );
  if (outcome === "throttled") throw new UserFacingError("Too many failed attempts. Wait 15 minutes, then try again.");
  if (outcome === "wrong") throw new UserFacingError("That code or password is not right. Nothing was changed.");
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    // Recovery codes stand in for a second factor; with none left, they go too.
    if ((await tx.passkey.count({ where: { userId: user.id } })) === 0) await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await appendAccountEvent(tx, { user, action: "auth.two_factor_disabled", metadata: { method: "authenticator app" }, origin });
  });
}
