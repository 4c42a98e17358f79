// Member actions against forged ids, bad input and signed-out callers: a clear error, nothing changed.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { actAs, actSignedOut } from "@/lib/testing/acting-session";
import { createWorkspace } from "@/lib/testing/factories";
import { changeMemberRoleAction } from "./change-member-role";
import { removeMemberAction } from "./remove-member";
import { SIGNED_OUT_MESSAGE } from "./safe-action";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

async function twoWorkspaces() {
  const acme = await createWorkspace();
  const globex = await createWorkspace();
  await actAs(globex.member("OWNER"), globex.workspace.id);
  return { acme, globex };
}

async function rolesOf(ws: Awaited<ReturnType<typeof createWorkspace>>) {
  const rows = await db.membership.findMany({
    where: { workspaceId: ws.workspace.id },
    select: { id: true, role: true },
    orderBy: { id: "asc" },
  });
  return rows;
}

describe("member actions across workspaces", () => {
  it("another workspace's Owner gets 'not found' for Acme's member ids, and Acme is unchanged", async () => {
    const { acme } = await twoWorkspaces();
    const before = await rolesOf(acme);
    const change = await changeMemberRoleAction({ membershipId: acme.member("ADMIN").membershipId, role: "OWNER" });
    const remove = await removeMemberAction({ membershipId: acme.member("OWNER").membershipId });
    const missing = await removeMemberAction({ membershipId: "no-such-member" });
    expect(change?.serverError).toBe("That member was not found in this workspace.");
    expect(remove?.serverError).toBe(missing?.serverError);
    expect(await rolesOf(acme)).toEqual(before);
    expect(await db.auditEvent.count({ where: { workspaceId: acme.workspace.id } })).toBe(0);
  });

  it("ignores any workspace id the client adds to the input", async () => {
    const { acme, globex } = await twoWorkspaces();
    const forged = { membershipId: acme.member("ADMIN").membershipId, role: "OWNER", workspaceId: acme.workspace.id } as Parameters<
      typeof changeMemberRoleAction
    >[0];
    const result = await changeMemberRoleAction(forged);
    expect(result?.serverError).toBe("That member was not found in this workspace.");
    expect((await db.membership.findUniqueOrThrow({ where: { id: acme.member("ADMIN").membershipId } })).role).toBe("ADMIN");
    expect(await db.auditEvent.count({ where: { workspaceId: acme.workspace.id } })).toBe(0);
    // The one event is the refusal, in the caller's own workspace (lib/actions/audit-refusal.ts).
    expect(
      await db.auditEvent.findMany({ where: { workspaceId: globex.workspace.id }, select: { action: true, targetLabel: true } }),
    ).toEqual([{ action: "action.refused", targetLabel: null }]);
  });
});

describe("member actions with bad input", () => {
  it.each([
    ["an unknown role", { membershipId: "abc", role: "ROOT" }, "role"],
    ["a missing role", { membershipId: "abc" }, "role"],
    ["an oversized id", { membershipId: "x".repeat(10_000), role: "ADMIN" }, "membershipId"],
    ["an id with control characters", { membershipId: "abc\u0000def", role: "ADMIN" }, "membershipId"],
    ["a number as id", { membershipId: 42, role: "ADMIN" }, "membershipId"],
  ])("refuses %s, naming the field", async (_label, input, field) => {
    const ws = await createWorkspace();
    await actAs(ws.member("OWNER"), ws.workspace.id);
    const result = await changeMemberRoleAction(input as Parameters<typeof changeMemberRoleAction>[0]);
    expect(result?.validationErrors?.fieldErrors).toHaveProperty(field);
    expect(result?.data).toBeUndefined();
    expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id } })).toBe(0);
  });

  it("refuses a signed-out caller before reading anything", async () => {
    const ws = await createWorkspace();
    actSignedOut();
    const result = await removeMemberAction({ membershipId: ws.member("SUPPORT").membershipId });
    expect(result?.serverError).toBe(SIGNED_OUT_MESSAGE);
    expect(await db.membership.count({ where: { workspaceId: ws.workspace.id } })).toBe(3);
  });

  it("applies a role change at once: a demoted Owner's next action is refused", async () => {
    const ws = await createWorkspace(["OWNER", "OWNER", "SUPPORT"]);
    const [first, second] = ws.members;
    await actAs(first!, ws.workspace.id);
    expect((await changeMemberRoleAction({ membershipId: second!.membershipId, role: "ADMIN" }))?.serverError).toBeUndefined();
    await actAs(second!, ws.workspace.id);
    const result = await removeMemberAction({ membershipId: ws.member("SUPPORT").membershipId });
    expect(result?.serverError).toMatch(/role does not allow/);
  });
});
