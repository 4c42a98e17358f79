import { Secret, TOTP } from "otpauth";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { confirmTotpEnrolmentAction } from "@/lib/actions/confirm-totp-enrolment";
import { disableTotpAction } from "@/lib/actions/disable-totp";
import { SIGNED_OUT_MESSAGE } from "@/lib/actions/safe-action";
import { startTotpEnrolmentAction } from "@/lib/actions/start-totp-enrolment";
import { hashPassword } from "@/lib/auth/password";
import { attemptSecondFactor } from "@/lib/auth/second-factor-attempt";
import {
  consumeVerifiedChallenge,
  createSignInChallenge,
  markSignInChallengeVerified,
  pendingSignInChallenge,
} from "@/lib/auth/sign-in-challenge";
import { SECOND_FACTOR_FAILURES } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { actAs, actSignedOut } from "@/lib/testing/acting-session";
import { addMember, createWorkspace } from "@/lib/testing/factories";
import { openSecret, sealSecret } from "./secret-box";
import { hasSecondFactor, redeemRecoveryCode, redeemTotpCode, twoFactorStatus } from "./two-factor";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const ORIGIN = { ip: "192.0.2.10", userAgent: "vitest" };

beforeAll(() => {
  process.env.AUTH_SECRET ??= "vitest-auth-secret-0123456789abcdef";
});

function codeFor(secret: string, at = Date.now()) {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: at });
}

/** A user in two workspaces with the authenticator app set up through the real actions. */
async function enrolledUser() {
  const acme = await createWorkspace(["OWNER"]);
  const globex = await createWorkspace(["OWNER"]);
  const owner = acme.member("OWNER");
  await addMember(globex.workspace.id, "SUPPORT", owner.userId);
  await db.user.update({ where: { id: owner.userId }, data: { passwordHash: await hashPassword("the right password") } });
  await actAs(owner, acme.workspace.id);
  const started = await startTotpEnrolmentAction();
  const secret = started?.data?.secret as string;
  // An earlier step than now, so the tests below can use the current one.
  const confirmed = await confirmTotpEnrolmentAction({ code: codeFor(secret, Date.now() - 30_000) });
  const user = { id: owner.userId, email: owner.email };
  return { acme, globex, owner, user, secret, recoveryCodes: confirmed?.data?.recoveryCodes as string[] };
}

describe("the TOTP secret at rest", () => {
  it("is sealed with AES-256-GCM: never stored as plaintext, and an altered value opens to nothing", async () => {
    const { user, secret } = await enrolledUser();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecret).toMatch(/^v1\./);
    expect(row.totpSecret).not.toContain(secret);
    expect(openSecret(row.totpSecret as string)).toBe(secret);
    const sealed = sealSecret("JBSWY3DPEHPK3PXP");
    // A character well inside the value carries six whole bits (the last one may carry padding bits
    // that decode to nothing), and it is replaced by a different one, so the bytes always change.
    const at = sealed.length - 8;
    const flipped = `${sealed.slice(0, at)}${sealed[at] === "A" ? "B" : "A"}${sealed.slice(at + 1)}`;
    expect(openSecret(flipped)).toBeNull();
    expect(openSecret("JBSWY3DPEHPK3PXP")).toBeNull();
  });
});

describe("enrolment", () => {
  it("turns two-factor on after one right code, gives 10 recovery codes, audits in each workspace", async () => {
    const { acme, globex, user, recoveryCodes, secret } = await enrolledUser();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await twoFactorStatus(user.id)).toEqual({ totp: true, passkeys: 0, recoveryCodesLeft: 10 });
    expect(await hasSecondFactor(user.id)).toBe(true);
    for (const ws of [acme, globex]) {
      expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "auth.two_factor_enabled" } })).toBe(1);
    }
    // Only hashes of the recovery codes are stored.
    const stored = JSON.stringify(await db.recoveryCode.findMany({ where: { userId: user.id } }));
    for (const code of recoveryCodes) expect(stored).not.toContain(code);
    expect(stored).not.toContain(secret);
  });

  it("refuses a wrong code and leaves two-factor off", async () => {
    const ws = await createWorkspace(["OWNER"]);
    await actAs(ws.member("OWNER"), ws.workspace.id);
    const started = await startTotpEnrolmentAction();
    const right = codeFor(started?.data?.secret as string);
    const wrong = right === "000000" ? "111111" : "000000";
    expect((await confirmTotpEnrolmentAction({ code: wrong }))?.serverError).toMatch(/not right/);
    expect((await confirmTotpEnrolmentAction({ code: "12ab" }))?.validationErrors?.fieldErrors?.code).toEqual([
      "Enter the 6-digit code from your app.",
    ]);
    expect((await twoFactorStatus(ws.member("OWNER").userId)).totp).toBe(false);
  });

  it("refuses a signed-out caller", async () => {
    actSignedOut();
    expect((await startTotpEnrolmentAction())?.serverError).toBe(SIGNED_OUT_MESSAGE);
    expect((await confirmTotpEnrolmentAction({ code: "123456" }))?.serverError).toBe(SIGNED_OUT_MESSAGE);
  });
});

describe("codes at sign-in", () => {
  it("refuses a TOTP code replayed within its window, and an older step after a newer one", async () => {
    const { user, secret } = await enrolledUser();
    const now = codeFor(secret);
    expect(await redeemTotpCode(user.id, now)).toBe(true);
    expect(await redeemTotpCode(user.id, now)).toBe(false);
    // The enrolment used the step before; it cannot come back either.
    expect(await redeemTotpCode(user.id, codeFor(secret, Date.now() - 30_000))).toBe(false);
  });

  it("accepts one of two concurrent submissions of the same code, never both", async () => {
    const { user, secret } = await enrolledUser();
    const code = codeFor(secret);
    const results = await Promise.all([redeemTotpCode(user.id, code), redeemTotpCode(user.id, code), redeemTotpCode(user.id, code)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("uses a recovery code once (any case, dashes or not) and audits it in each workspace", async () => {
    const { acme, globex, user, recoveryCodes } = await enrolledUser();
    const [code] = recoveryCodes as [string];
    expect(await redeemRecoveryCode(user, code.toLowerCase().replaceAll("-", ""), ORIGIN)).toBe(true);
    expect(await redeemRecoveryCode(user, code, ORIGIN)).toBe(false);
    expect(await redeemRecoveryCode(user, "AAAA-BBBB-CCCC-DDDD", ORIGIN)).toBe(false);
    expect((await twoFactorStatus(user.id)).recoveryCodesLeft).toBe(9);
    for (const ws of [acme, globex]) {
      expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "auth.recovery_code_used" } })).toBe(1);
    }
  });

  it("another user's recovery code does not work", async () => {
    const first = await enrolledUser();
    const second = await enrolledUser();
    expect(await redeemRecoveryCode(second.user, first.recoveryCodes[0] as string, ORIGIN)).toBe(false);
  });

  it(`throttles wrong codes per user: after ${SECOND_FACTOR_FAILURES}, even the right code is refused`, async () => {
    const { user, secret } = await enrolledUser();
    const other = await enrolledUser();
    for (let i = 0; i < SECOND_FACTOR_FAILURES; i++)
      expect(await attemptSecondFactor(user.id, () => redeemTotpCode(user.id, "000000"))).toBe("wrong");
    expect(await attemptSecondFactor(user.id, () => redeemTotpCode(user.id, codeFor(secret)))).toBe("throttled");
    // Another user is not affected, and a right code does not count against anyone.
    expect(await attemptSecondFactor(other.user.id, () => redeemTotpCode(other.user.id, codeFor(other.secret)))).toBe("ok");
  });
});

describe("turning the app off", () => {
  it("takes a current code or the password; anything else changes nothing", async () => {
    const { acme, user, secret, owner } = await enrolledUser();
    await actAs(owner, acme.workspace.id);
    expect((await disableTotpAction({ proof: "wrong password" }))?.serverError).toMatch(/not right/);
    expect((await disableTotpAction({ proof: "000000" }))?.serverError).toMatch(/not right/);
    expect((await twoFactorStatus(user.id)).totp).toBe(true);
    expect((await disableTotpAction({ proof: codeFor(secret) }))?.serverError).toBeUndefined();
    expect(await twoFactorStatus(user.id)).toEqual({ totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    expect(await db.auditEvent.count({ where: { workspaceId: acme.workspace.id, action: "auth.two_factor_disabled" } })).toBe(1);
  });

  it(`is throttled: after ${SECOND_FACTOR_FAILURES} wrong tries, even the right password is refused`, async () => {
    const { acme, user, owner } = await enrolledUser();
    await actAs(owner, acme.workspace.id);
    for (let i = 0; i < SECOND_FACTOR_FAILURES; i++)
      expect((await disableTotpAction({ proof: `guess ${i}` }))?.serverError).toMatch(/not right/);
    expect((await disableTotpAction({ proof: "the right password" }))?.serverError).toMatch(/Too many failed attempts/);
    expect((await twoFactorStatus(user.id)).totp).toBe(true);
  });

  it("accepts the password", async () => {
    const { acme, user, owner } = await enrolledUser();
    await actAs(owner, acme.workspace.id);
    expect((await disableTotpAction({ proof: "the right password" }))?.serverError).toBeUndefined();
    expect((await twoFactorStatus(user.id)).totp).toBe(false);
  });
});

describe("the sign-in challenge", () => {
  it("signs in only once it is verified, and only once", async () => {
    const ws = await createWorkspace(["OWNER"]);
    const userId = ws.member("OWNER").userId;
    const token = await createSignInChallenge(userId, "/keys", false);
    expect(await consumeVerifiedChallenge(token)).toBeNull();
    const pending = await pendingSignInChallenge(token);
    expect(pending?.userId).toBe(userId);
    expect(await markSignInChallengeVerified(pending?.id as string)).toBe(true);
    expect(await pendingSignInChallenge(token)).toBeNull();
    expect(await consumeVerifiedChallenge(token)).toEqual({ userId });
    expect(await consumeVerifiedChallenge(token)).toBeNull();
  });

  it("refuses an expired, tampered or foreign-shaped token", async () => {
    const ws = await createWorkspace(["OWNER"]);
    const userId = ws.member("OWNER").userId;
    const token = await createSignInChallenge(userId, "/keys", true);
    const flipped = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const bad of [flipped, token.slice(1), "", undefined, 42, { token }]) expect(await consumeVerifiedChallenge(bad)).toBeNull();
    await db.signInChallenge.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await consumeVerifiedChallenge(token)).toBeNull();
    const unverified = await createSignInChallenge(userId, "/keys", false);
    await db.signInChallenge.updateMany({ where: { userId, verifiedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await pendingSignInChallenge(unverified)).toBeNull();
  });
});
