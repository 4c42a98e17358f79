import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { actAs, actSignedOut, getSessionContext } from "@/lib/testing/acting-session";
import { addMember, createWorkspace } from "@/lib/testing/factories";
import { SIGNED_OUT_MESSAGE } from "./safe-action";
import { switchWorkspaceAction } from "./switch-workspace";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

describe("switchWorkspaceAction", () => {
  it("switches the session's current workspace to another one the user belongs to", async () => {
    const acme = await createWorkspace(["OWNER"]);
    const globex = await createWorkspace(["OWNER"]);
    const user = acme.member("OWNER");
    await addMember(globex.workspace.id, "SUPPORT", user.userId);
    await actAs(user, acme.workspace.id);

    const result = await switchWorkspaceAction({ workspaceId: globex.workspace.id });
    expect(result?.serverError).toBeUndefined();
    expect((await getSessionContext())?.current).toMatchObject({ workspaceId: globex.workspace.id, role: "SUPPORT" });
  });

  it("refuses a workspace the user does not belong to, as if it did not exist", async () => {
    const acme = await createWorkspace(["OWNER"]);
    const globex = await createWorkspace(["OWNER"]);
    await actAs(globex.member("OWNER"), globex.workspace.id);

    const foreign = await switchWorkspaceAction({ workspaceId: acme.workspace.id });
    const missing = await switchWorkspaceAction({ workspaceId: "no-such-workspace" });
    expect(foreign?.serverError).toBe("That workspace was not found.");
    expect(missing?.serverError).toBe(foreign?.serverError);
    expect((await getSessionContext())?.current?.workspaceId).toBe(globex.workspace.id);
  });

  it("refuses a signed-out caller", async () => {
    actSignedOut();
    expect((await switchWorkspaceAction({ workspaceId: "anything" }))?.serverError).toBe(SIGNED_OUT_MESSAGE);
  });
});

describe("session context", () => {
  it("falls back to a remaining workspace once the user is removed from the current one", async () => {
    const acme = await createWorkspace(["OWNER", "ADMIN"]);
    const globex = await createWorkspace(["OWNER"]);
    const admin = acme.member("ADMIN");
    await addMember(globex.workspace.id, "SUPPORT", admin.userId);
    await actAs(admin, acme.workspace.id);
    await db.membership.delete({ where: { id: admin.membershipId } });
    expect((await getSessionContext())?.current?.workspaceId).toBe(globex.workspace.id);
  });

  it("has no current workspace when the user belongs to none", async () => {
    const acme = await createWorkspace(["OWNER", "ADMIN"]);
    const admin = acme.member("ADMIN");
    await actAs(admin, acme.workspace.id);
    await db.membership.delete({ where: { id: admin.membershipId } });
    const context = await getSessionContext();
    expect(context?.current).toBeNull();
    expect(context?.memberships).toEqual([]);
  });

  it("ends when the session row is deleted (sign-out) or expires", async () => {
    const acme = await createWorkspace(["OWNER"]);
    await actAs(acme.member("OWNER"), acme.workspace.id);
    await db.session.updateMany({ where: { userId: acme.member("OWNER").userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getSessionContext()).toBeNull();
  });
});
