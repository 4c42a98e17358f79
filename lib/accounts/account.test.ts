import { describe, expect, it, vi } from "vitest";
import { changeNameAction } from "@/lib/actions/change-name";
import { changePasswordAction } from "@/lib/actions/change-password";
import { createWorkspaceAction } from "@/lib/actions/create-workspace";
import { SIGNED_OUT_MESSAGE } from "@/lib/actions/safe-action";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { checkCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { createSession, loadSessionContext } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { actAs, actSignedOut, getSessionContext } from "@/lib/testing/acting-session";
import { addMember, createWorkspace } from "@/lib/testing/factories";
import { COMMON_PASSWORD } from "@/lib/validation/password";
import { signOutEverywhere, WRONG_CURRENT_PASSWORD } from "./account";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const OLD = "the old long password";
const NEW = "a brand new long password";

/** A member of two workspaces who signs in with OLD, acting in the first. */
async function person() {
  const first = await createWorkspace(["OWNER"]);
  const second = await createWorkspace(["OWNER"]);
  const member = first.member("OWNER");
  await addMember(second.workspace.id, "SUPPORT", member.userId);
  await db.user.update({ where: { id: member.userId }, data: { passwordHash: await hashPassword(OLD) } });
  await actAs(member, first.workspace.id);
  return { member, workspaces: [first.workspace.id, second.workspace.id] };
}

describe("changing the password", () => {
  it("needs the current password, ends every other session, keeps this one, and is audited in each workspace", async () => {
    const { member, workspaces } = await person();
    const elsewhere = await createSession(member.userId);
    const current = await getSessionContext();

    const result = await changePasswordAction({ currentPassword: OLD, newPassword: NEW });
    expect(result?.serverError).toBeUndefined();
    expect(result?.data).toEqual({ otherSessionsEnded: 1 });
    expect(await loadSessionContext(elsewhere)).toBeNull();
    expect(await loadSessionContext(current?.sessionId ?? "")).not.toBeNull();
    expect((await checkCredentials(member.email, NEW, "192.0.2.70")).ok).toBe(true);
    expect((await checkCredentials(member.email, OLD, "192.0.2.70")).ok).toBe(false);
    for (const workspaceId of workspaces) {
      expect(await db.auditEvent.count({ where: { workspaceId, action: "auth.password_changed" } })).toBe(1);
      expect(await verifyAuditChain(workspaceId)).toMatchObject({ ok: true });
    }
  });

  it("refuses a wrong current password, a common or a 4,000-character new one, and changes nothing", async () => {
    const { member } = await person();
    const elsewhere = await createSession(member.userId);
    expect((await changePasswordAction({ currentPassword: "not it at all", newPassword: NEW }))?.serverError).toBe(WRONG_CURRENT_PASSWORD);
    const common = await changePasswordAction({ currentPassword: OLD, newPassword: "qwerty123456" });
    expect(common?.validationErrors?.fieldErrors?.newPassword).toEqual([COMMON_PASSWORD]);
    const huge = await changePasswordAction({ currentPassword: OLD, newPassword: "x".repeat(4_000) });
    expect(huge?.validationErrors?.fieldErrors?.newPassword).toEqual(["A password has at most 128 characters."]);
    expect((await checkCredentials(member.email, OLD, "192.0.2.71")).ok).toBe(true);
    expect(await loadSessionContext(elsewhere)).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "auth.password_changed", actorId: member.userId } })).toBe(0);
  });

  it("refuses a signed-out caller", async () => {
    actSignedOut();
    expect((await changePasswordAction({ currentPassword: OLD, newPassword: NEW }))?.serverError).toBe(SIGNED_OUT_MESSAGE);
  });
});

describe("signing out everywhere", () => {
  it("ends every session of the account, audited in each workspace, and no other account's", async () => {
    const { member, workspaces } = await person();
    const other = await createSession((await createWorkspace(["OWNER"])).member("OWNER").userId);
    await createSession(member.userId);
    expect(await signOutEverywhere({ id: member.userId, email: member.email }, { ip: null, userAgent: null })).toEqual({
      sessionsEnded: 2,
    });
    expect(await db.session.count({ where: { userId: member.userId } })).toBe(0);
    expect(await loadSessionContext(other)).not.toBeNull();
    for (const workspaceId of workspaces) {
      expect(await db.auditEvent.count({ where: { workspaceId, action: "auth.signed_out_everywhere" } })).toBe(1);
    }
  });
});

describe("name and workspaces", () => {
  it("changes the name, refusing an empty or control-character one", async () => {
    const { member } = await person();
    expect((await changeNameAction({ name: "  " }))?.validationErrors?.fieldErrors?.name).toEqual(["Enter a name."]);
    expect((await changeNameAction({ name: "Bad\u0000name" }))?.validationErrors?.fieldErrors?.name).toBeDefined();
    expect((await changeNameAction({ name: "New Name" }))?.data).toEqual({ name: "New Name" });
    expect((await db.user.findUniqueOrThrow({ where: { id: member.userId } })).name).toBe("New Name");
  });

  it("creates a workspace the person owns, and makes it current", async () => {
    const { member } = await person();
    const result = await createWorkspaceAction({ name: "Side Project" });
    expect(result?.serverError).toBeUndefined();
    const context = await getSessionContext();
    expect(context?.current).toMatchObject({ workspaceId: result?.data?.workspaceId, workspaceName: "Side Project", role: "OWNER" });
    expect(context?.memberships).toHaveLength(3);
    expect(
      await db.auditEvent.count({ where: { workspaceId: result?.data?.workspaceId, action: "workspace.created", actorId: member.userId } }),
    ).toBe(1);
    expect((await createWorkspaceAction({ name: "" }))?.validationErrors?.fieldErrors?.name).toEqual(["Enter a workspace name."]);
    actSignedOut();
    expect((await createWorkspaceAction({ name: "Nope" }))?.serverError).toBe(SIGNED_OUT_MESSAGE);
  });
});
