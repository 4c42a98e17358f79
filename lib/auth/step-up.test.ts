// Step-up confirmation: the sensitive actions refuse a session whose last confirmation is older than
// STEP_UP_MINUTES with step_up_required and change nothing; key edits refuse only new Full access (rolled
// back inside the key's transaction); "Confirm it's you" takes a password, an app code or a recovery code,
// is throttled, audited, and opens the window again.
import { Secret, TOTP } from "otpauth";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { changeMemberRoleAction } from "@/lib/actions/change-member-role";
import { confirmIdentityAction } from "@/lib/actions/confirm-identity";
import { confirmTotpEnrolmentAction } from "@/lib/actions/confirm-totp-enrolment";
import { createKeyAction } from "@/lib/actions/create-key";
import { deleteKeyAction } from "@/lib/actions/delete-key";
import { grantRefusedScopeAction } from "@/lib/actions/grant-refused-scope";
import { removeMemberAction } from "@/lib/actions/remove-member";
import { revokeKeyAction } from "@/lib/actions/revoke-key";
import { rotateKeyAction } from "@/lib/actions/rotate-key";
import { SIGNED_OUT_MESSAGE } from "@/lib/actions/safe-action";
import { startTotpEnrolmentAction } from "@/lib/actions/start-totp-enrolment";
import { undoNarrowingAction } from "@/lib/actions/undo-narrowing";
import { updateKeyAction } from "@/lib/actions/update-key";
import { narrowApiKeyScopes, revokeApiKey } from "@/lib/api-keys/lifecycle";
import { db } from "@/lib/db";
import { actAs, actSignedOut } from "@/lib/testing/acting-session";
import { createWorkspace, type TestMember } from "@/lib/testing/factories";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { NARROWED_FOR } from "@/lib/usage/narrow-unused-scopes";
import { STEP_UP_REQUIRED } from "@/lib/validation/step-up";
import {
  confirmationMethods,
  confirmIdentity,
  NO_CODE_TO_CONFIRM_WITH,
  SESSION_GONE,
  TOO_MANY_CONFIRMATIONS,
  WRONG_CODE,
  WRONG_PASSWORD,
} from "./confirm-identity";
import { hashPassword } from "./password";
import { ACCOUNT_FAILURES } from "./sign-in-throttle";
import { grantsNewFullAccess, needsStepUp, stepUpMs } from "./step-up";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const PASSWORD = "the right password, long enough";
const ELEVEN_MINUTES_AGO = () => new Date(Date.now() - 11 * 60_000);

beforeAll(() => {
  process.env.AUTH_SECRET ??= "vitest-auth-secret-0123456789abcdef";
});

/** Signs the member in, then ages the session's confirmation past the window. */
async function actStale(member: TestMember, workspaceId: string) {
  await actAs(member, workspaceId);
  await db.session.updateMany({ where: { userId: member.userId }, data: { confirmedAt: ELEVEN_MINUTES_AGO() } });
}

async function confirmedAtOf(member: TestMember) {
  const session = await db.session.findFirstOrThrow({ where: { userId: member.userId }, orderBy: { createdAt: "desc" } });
  return session.confirmedAt;
}

async function withPassword(member: TestMember) {
  await db.user.update({ where: { id: member.userId }, data: { passwordHash: await hashPassword(PASSWORD) } });
}

const auditCount = (workspaceId: string, action: string) => db.auditEvent.count({ where: { workspaceId, action } });

describe("the step-up window", () => {
  it("lasts STEP_UP_MINUTES (default 10; a bad value keeps the default)", () => {
    expect(stepUpMs({})).toBe(10 * 60_000);
    expect(stepUpMs({ STEP_UP_MINUTES: "3" })).toBe(3 * 60_000);
    expect(stepUpMs({ STEP_UP_MINUTES: "0" })).toBe(10 * 60_000);
    expect(stepUpMs({ STEP_UP_MINUTES: "soon" })).toBe(10 * 60_000);
    const now = Date.now();
    expect(needsStepUp(new Date(now - 10 * 60_000 + 1), now, {})).toBe(false);
    expect(needsStepUp(new Date(now - 10 * 60_000), now, {})).toBe(true);
  });

  it("counts only Full access a key did not hold as new", () => {
    expect(grantsNewFullAccess([], ["profiles:read"])).toBe(false);
    expect(grantsNewFullAccess([], ["lists:write"])).toBe(true);
    expect(grantsNewFullAccess(["lists:read"], ["lists:write"])).toBe(true);
    expect(grantsNewFullAccess(["lists:write"], ["lists:write", "profiles:read"])).toBe(false);
    expect(grantsNewFullAccess(["lists:write"], ["lists:read"])).toBe(false);
    expect(grantsNewFullAccess(["lists:write"], ["lists:write", "profiles:write"])).toBe(true);
  });
});

describe("sensitive actions with a stale confirmation", () => {
  it("refuse rotate, revoke, role change and removal with step_up_required and change nothing", async () => {
    const { workspace, owner, key, member } = await workspaceWithKey();
    await actStale(owner, workspace.id);
    const before = await db.auditEvent.count({ where: { workspaceId: workspace.id } });
    const admin = member("ADMIN");
    const answers = [
      await rotateKeyAction({ keyId: key.id, grace: "immediately" }),
      await revokeKeyAction({ keyId: key.id, reason: "" }),
      await changeMemberRoleAction({ membershipId: admin.membershipId, role: "SUPPORT" }),
      await removeMemberAction({ membershipId: admin.membershipId }),
    ];
    for (const answer of answers) expect(answer?.serverError).toBe(STEP_UP_REQUIRED);
    expect(await db.apiKey.count({ where: { workspaceId: workspace.id } })).toBe(1);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
    expect((await db.membership.findUniqueOrThrow({ where: { id: admin.membershipId } })).role).toBe("ADMIN");
    expect(await db.auditEvent.count({ where: { workspaceId: workspace.id } })).toBe(before);
  });

  it("refuse deleting a revoked key, which stays", async () => {
    const { workspace, owner, key, change } = await workspaceWithKey();
    await revokeApiKey(change, key.id, "");
    await actStale(owner, workspace.id);
    expect((await deleteKeyAction({ keyId: key.id }))?.serverError).toBe(STEP_UP_REQUIRED);
    expect(await db.apiKey.count({ where: { id: key.id } })).toBe(1);
  });

  it("still check the role first: a Support member reads no access, not a confirmation prompt", async () => {
    const { workspace, key, member } = await workspaceWithKey();
    await actStale(member("SUPPORT"), workspace.id);
    expect((await rotateKeyAction({ keyId: key.id, grace: "immediately" }))?.serverError).not.toBe(STEP_UP_REQUIRED);
  });

  it("go through within the window", async () => {
    const { workspace, owner, key } = await workspaceWithKey();
    await actAs(owner, workspace.id);
    expect((await rotateKeyAction({ keyId: key.id, grace: "immediately" }))?.data?.secret).toMatch(/^ksk_/);
  });
});

describe("new Full access with a stale confirmation", () => {
  it("refuses creating a key with Full access (no key, no event) but creates a read-only one", async () => {
    const ws = await createWorkspace();
    const admin = ws.member("ADMIN");
    await actStale(admin, ws.workspace.id);
    const refused = await createKeyAction({ name: "Writer", scopes: ["lists:write"], expiration: "never" });
    expect(refused?.serverError).toBe(STEP_UP_REQUIRED);
    expect(await db.apiKey.count({ where: { workspaceId: ws.workspace.id } })).toBe(0);
    expect(await auditCount(ws.workspace.id, "key.created")).toBe(0);
    const created = await createKeyAction({ name: "Reader", scopes: ["lists:read"], expiration: "never" });
    expect(created?.data?.secret).toMatch(/^ksk_/);
  });

  it("refuses raising an edit to Full access and rolls back the rest of the edit", async () => {
    const { workspace, owner, key } = await workspaceWithKey({ scopes: ["profiles:read"] });
    await actStale(owner, workspace.id);
    const refused = await updateKeyAction({ keyId: key.id, name: "Renamed", description: "", scopes: ["profiles:write"] });
    expect(refused?.serverError).toBe(STEP_UP_REQUIRED);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect([row.name, row.scopes]).toEqual([key.name, JSON.stringify(["profiles:read"])]);
    expect(await auditCount(workspace.id, "key.scopes_changed")).toBe(0);
  });

  it("lets an edit keep or lower Full access the key already held", async () => {
    const { workspace, owner, key } = await workspaceWithKey({ scopes: ["profiles:read", "lists:write"] });
    await actStale(owner, workspace.id);
    const kept = await updateKeyAction({ keyId: key.id, name: "Renamed", description: "", scopes: ["profiles:read", "lists:write"] });
    expect(kept?.data?.keyId).toBe(key.id);
    const lowered = await updateKeyAction({ keyId: key.id, name: "Renamed", description: "", scopes: ["lists:read"] });
    expect(lowered?.data?.keyId).toBe(key.id);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes).toBe(JSON.stringify(["lists:read"]));
  });

  it("refuses Grant of a write scope, allows Grant of a read one", async () => {
    const { workspace, owner, key } = await workspaceWithKey({ scopes: ["lists:read"] });
    await actStale(owner, workspace.id);
    expect((await grantRefusedScopeAction({ keyId: key.id, scope: "lists:write" }))?.serverError).toBe(STEP_UP_REQUIRED);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes).toBe(JSON.stringify(["lists:read"]));
    expect((await grantRefusedScopeAction({ keyId: key.id, scope: "profiles:read" }))?.data?.scopes).toEqual([
      "lists:read",
      "profiles:read",
    ]);
  });

  it("refuses undoing a narrowing that gives Full access back; the key stays narrowed", async () => {
    const { workspace, owner, key, change } = await workspaceWithKey({ scopes: ["lists:write"] });
    const { eventId } = await narrowApiKeyScopes(change, key.id, { lists: "read" }, NARROWED_FOR);
    await actStale(owner, workspace.id);
    expect((await undoNarrowingAction({ keyId: key.id, eventId: eventId! }))?.serverError).toBe(STEP_UP_REQUIRED);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes).toBe(JSON.stringify(["lists:read"]));
  });
});

describe("confirmIdentityAction", () => {
  async function staleOwnerWithKey() {
    const fixture = await workspaceWithKey();
    await withPassword(fixture.owner);
    await actStale(fixture.owner, fixture.workspace.id);
    return fixture;
  }

  it("refuses a signed-out caller", async () => {
    actSignedOut();
    expect((await confirmIdentityAction({ method: "password", password: PASSWORD }))?.serverError).toBe(SIGNED_OUT_MESSAGE);
  });

  it("refuses bad input, naming the field", async () => {
    await staleOwnerWithKey();
    const empty = await confirmIdentityAction({ method: "password", password: "" });
    expect(empty?.validationErrors?.fieldErrors).toEqual({ password: ["Enter your password."] });
    const long = await confirmIdentityAction({ method: "code", code: "1".repeat(65) });
    expect(long?.validationErrors?.fieldErrors).toEqual({ code: ["That is not a code: it is far too long."] });
    const unknown = await confirmIdentityAction({ method: "fingerprint" } as never);
    expect(unknown?.validationErrors).toBeDefined();
  });

  it("refuses a wrong password with a message, audits it, and keeps the session unconfirmed", async () => {
    const { workspace, owner, key } = await staleOwnerWithKey();
    const before = await confirmedAtOf(owner);
    expect((await confirmIdentityAction({ method: "password", password: "not it" }))?.serverError).toBe(WRONG_PASSWORD);
    expect(await confirmedAtOf(owner)).toEqual(before);
    expect(await auditCount(workspace.id, "auth.identity_confirmation_failed")).toBe(1);
    expect((await rotateKeyAction({ keyId: key.id, grace: "immediately" }))?.serverError).toBe(STEP_UP_REQUIRED);
  });

  it("takes the right password, audits it, and the refused action then goes through", async () => {
    const { workspace, owner, key } = await staleOwnerWithKey();
    expect((await confirmIdentityAction({ method: "password", password: PASSWORD }))?.data).toEqual({ confirmed: true });
    expect(Date.now() - (await confirmedAtOf(owner)).getTime()).toBeLessThan(60_000);
    expect(await auditCount(workspace.id, "auth.identity_confirmed")).toBe(1);
    expect((await rotateKeyAction({ keyId: key.id, grace: "immediately" }))?.data?.secret).toMatch(/^ksk_/);
  });

  it(`stops checking passwords after ${ACCOUNT_FAILURES} wrong ones, even the right one`, async () => {
    const { owner } = await staleOwnerWithKey();
    for (let i = 0; i < ACCOUNT_FAILURES; i++) await confirmIdentityAction({ method: "password", password: `wrong ${i}` });
    expect((await confirmIdentityAction({ method: "password", password: PASSWORD }))?.serverError).toBe(TOO_MANY_CONFIRMATIONS);
    expect(needsStepUp(await confirmedAtOf(owner))).toBe(true);
  });

  it("takes a code from the app once, and a recovery code once; refuses a wrong or reused one", async () => {
    const { workspace, owner } = await staleOwnerWithKey();
    const started = await startTotpEnrolmentAction();
    const secret = started?.data?.secret as string;
    const codeAt = (at: number) =>
      new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: at });
    const enrolled = await confirmTotpEnrolmentAction({ code: codeAt(Date.now() - 30_000) });
    const [recovery] = (enrolled?.data?.recoveryCodes ?? []) as [string];
    await db.session.updateMany({ where: { userId: owner.userId }, data: { confirmedAt: ELEVEN_MINUTES_AGO() } });

    expect((await confirmIdentityAction({ method: "code", code: "000000" }))?.serverError).toBe(WRONG_CODE);
    expect((await confirmIdentityAction({ method: "code", code: codeAt(Date.now()) }))?.data).toEqual({ confirmed: true });
    expect((await confirmIdentityAction({ method: "code", code: codeAt(Date.now()) }))?.serverError).toBe(WRONG_CODE);
    await db.session.updateMany({ where: { userId: owner.userId }, data: { confirmedAt: ELEVEN_MINUTES_AGO() } });
    expect((await confirmIdentityAction({ method: "code", code: recovery }))?.data).toEqual({ confirmed: true });
    expect(needsStepUp(await confirmedAtOf(owner))).toBe(false);
    expect((await confirmIdentityAction({ method: "code", code: recovery }))?.serverError).toBe(WRONG_CODE);
    expect(await auditCount(workspace.id, "auth.identity_confirmed")).toBe(2);
  });

  it("offers a code only to a person with the app or recovery codes, and refuses one from anybody else", async () => {
    const { workspace, owner } = await staleOwnerWithKey();
    expect(await confirmationMethods(owner.userId)).toEqual({ authenticator: false, recoveryCode: false });
    expect((await confirmIdentityAction({ method: "code", code: "123456" }))?.serverError).toBe(NO_CODE_TO_CONFIRM_WITH);
    expect((await confirmIdentityAction({ method: "code", code: "recovery-code" }))?.serverError).toBe(NO_CODE_TO_CONFIRM_WITH);
    expect(needsStepUp(await confirmedAtOf(owner))).toBe(true);
    expect(await auditCount(workspace.id, "auth.identity_confirmation_failed")).toBe(0);

    const started = await startTotpEnrolmentAction();
    const secret = Secret.fromBase32(started?.data?.secret as string);
    await confirmTotpEnrolmentAction({ code: new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 }).generate() });
    expect(await confirmationMethods(owner.userId)).toEqual({ authenticator: true, recoveryCode: true });
    await db.recoveryCode.updateMany({ where: { userId: owner.userId }, data: { usedAt: new Date() } });
    expect(await confirmationMethods(owner.userId)).toEqual({ authenticator: true, recoveryCode: false });
  });

  it("refuses to confirm a session that has ended meanwhile", async () => {
    const { owner } = await staleOwnerWithKey();
    const user = { id: owner.userId, email: owner.email };
    const attempt = confirmIdentity(
      { sessionId: "ended-session", user },
      { method: "password", password: PASSWORD },
      {
        ip: "192.0.2.10",
        userAgent: "vitest",
      },
    );
    await expect(attempt).rejects.toThrow(SESSION_GONE);
  });

  it("confirms only the caller's own session", async () => {
    const { owner, member } = await staleOwnerWithKey();
    const admin = member("ADMIN");
    const user = { id: admin.userId, email: admin.email };
    await withPassword(admin);
    const ownerSession = await db.session.findFirstOrThrow({ where: { userId: owner.userId } });
    const attempt = confirmIdentity(
      { sessionId: ownerSession.id, user },
      { method: "password", password: PASSWORD },
      {
        ip: "192.0.2.10",
        userAgent: "vitest",
      },
    );
    await expect(attempt).rejects.toThrow(SESSION_GONE);
    expect(needsStepUp(await confirmedAtOf(owner))).toBe(true);
  });
});
