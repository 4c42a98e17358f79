import { describe, expect, it, vi } from "vitest";
import { createKeyAction } from "@/lib/actions/create-key";
import { TWO_FACTOR_REQUIRED_MESSAGE } from "@/lib/actions/safe-action";
import { setRequireTwoFactorAction } from "@/lib/actions/set-require-two-factor";
import { db } from "@/lib/db";
import { actAs, getSessionContext } from "@/lib/testing/acting-session";
import { addMember, changeBy, createWorkspace } from "@/lib/testing/factories";
import { setRequireTwoFactor } from "./settings";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const keyInput = (name: string) => ({ name, scopes: ["profiles:read"], expiration: "never" as const });

async function requiringWorkspace() {
  const ws = await createWorkspace();
  await setRequireTwoFactor(changeBy(ws.workspace.id, ws.member("OWNER")), true);
  return ws;
}

describe("Require two-factor for Owners and Admins", () => {
  it("is an Owner's switch, audited with before and after", async () => {
    const ws = await createWorkspace();
    await actAs(ws.member("OWNER"), ws.workspace.id);
    expect((await setRequireTwoFactorAction({ required: true }))?.serverError).toBeUndefined();
    const event = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws.workspace.id, action: "workspace.settings_changed" } });
    expect(JSON.parse(event.metadata)).toEqual({ before: { requireTwoFactor: false }, after: { requireTwoFactor: true } });
    // Setting it to what it is already writes nothing.
    await setRequireTwoFactorAction({ required: true });
    expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "workspace.settings_changed" } })).toBe(1);
  });

  it("refuses every workspace action of an Owner or Admin without a second factor, changing nothing", async () => {
    const ws = await requiringWorkspace();
    for (const role of ["OWNER", "ADMIN"] as const) {
      await actAs(ws.member(role), ws.workspace.id);
      expect((await getSessionContext())?.needsTwoFactorSetup).toBe(true);
      expect((await createKeyAction(keyInput(`blocked ${role}`)))?.serverError).toBe(TWO_FACTOR_REQUIRED_MESSAGE);
    }
    // Not even the switch itself: an Owner sets up two-factor first, then may turn the rule off.
    await actAs(ws.member("OWNER"), ws.workspace.id);
    expect((await setRequireTwoFactorAction({ required: false }))?.serverError).toBe(TWO_FACTOR_REQUIRED_MESSAGE);
    expect(await db.apiKey.count({ where: { workspaceId: ws.workspace.id } })).toBe(0);
  });

  it("lets them act once they have a second factor, and leaves Support alone", async () => {
    const ws = await requiringWorkspace();
    await db.user.update({ where: { id: ws.member("ADMIN").userId }, data: { totpSecret: "v1.x.y", totpEnabledAt: new Date() } });
    await actAs(ws.member("ADMIN"), ws.workspace.id);
    expect((await getSessionContext())?.needsTwoFactorSetup).toBe(false);
    expect((await createKeyAction(keyInput("allowed")))?.serverError).toBeUndefined();
    await actAs(ws.member("SUPPORT"), ws.workspace.id);
    expect((await getSessionContext())?.needsTwoFactorSetup).toBe(false);
  });

  it("applies to the workspace that requires it, not to the user's other workspaces", async () => {
    const strict = await requiringWorkspace();
    const relaxed = await createWorkspace(["OWNER"]);
    const owner = strict.member("OWNER");
    await addMember(relaxed.workspace.id, "ADMIN", owner.userId);
    await actAs(owner, relaxed.workspace.id);
    expect((await createKeyAction(keyInput("elsewhere")))?.serverError).toBeUndefined();
    await actAs(owner, strict.workspace.id);
    expect((await createKeyAction(keyInput("here")))?.serverError).toBe(TWO_FACTOR_REQUIRED_MESSAGE);
  });
});
