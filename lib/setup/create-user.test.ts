import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUserFromShell, createUserSchema } from "./create-user";
import { SETUP_ROW_ID } from "./first-run";
import { issueSetupCode } from "./setup-code";

const input = (email: string, workspace: string, role = "OWNER") =>
  createUserSchema.parse({ email, name: "Shell User", password: "a long shell password", workspace, role });

describe("npm run user:create", () => {
  it("makes the first account Owner of a new workspace and completes setup; the next joins by workspace name", async () => {
    await issueSetupCode(); // a start printed one; the first account spends it, in the same transaction
    const first = await createUserFromShell(input("ops@example.test", "Shell Co"));
    expect(first).toEqual([
      "created the account ops@example.test (Shell User)",
      "created the workspace Shell Co with ops@example.test as OWNER",
      "completed first-run setup (the /setup page is closed)",
    ]);
    expect(await db.instanceSetup.findUnique({ where: { id: SETUP_ROW_ID } })).not.toBeNull();
    expect(await db.setupCode.count()).toBe(0);
    expect(await createUserFromShell(input("support@example.test", "Shell Co", "SUPPORT"))).toEqual([
      "created the account support@example.test (Shell User)",
      "added it to the workspace Shell Co as SUPPORT",
    ]);
    const roles = await db.membership.findMany({ select: { role: true, user: { select: { email: true } } } });
    expect(roles.map((m) => `${m.user.email} ${m.role}`).sort()).toEqual(["ops@example.test OWNER", "support@example.test SUPPORT"]);
  });

  it("refuses an existing email and changes nothing", async () => {
    await expect(createUserFromShell(input("OPS@example.test", "Elsewhere"))).rejects.toThrow(/exists already; nothing was changed/);
    expect(await db.workspace.count({ where: { name: "Elsewhere" } })).toBe(0);
  });

  it("refuses a weak password or an unknown role before touching the database", () => {
    expect(
      createUserSchema.safeParse({ email: "x@example.test", name: "X", password: "password1234", workspace: "W", role: "OWNER" }).success,
    ).toBe(false);
    expect(
      createUserSchema.safeParse({ email: "x@example.test", name: "X", password: "a long shell password", workspace: "W", role: "ROOT" })
        .success,
    ).toBe(false);
  });
});
