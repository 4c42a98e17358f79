import { afterEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { checkCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { setupSchema } from "@/lib/validation/accounts";
import { completeFirstRunSetup, SETUP_DONE, SETUP_THROTTLED, setupPending, WRONG_SETUP_CODE } from "./first-run";
import { forgetSetupCode, issueSetupCode } from "./setup-code";

const origin = (ip = "192.0.2.40") => ({ ip, userAgent: "vitest" });
const input = (setupCode: string, email = "first@example.test") =>
  setupSchema.parse({ setupCode, name: "First Owner", email, password: "a long first password", workspaceName: "First Co" });

afterEach(async () => {
  forgetSetupCode();
  await db.instanceSetup.deleteMany();
  await db.workspace.deleteMany();
  await db.user.deleteMany();
});

describe("first-run setup", () => {
  it("creates the first account as Owner of a new workspace, audited, and then is done", async () => {
    const code = issueSetupCode();
    expect(await setupPending()).toBe(true);
    const { user, workspace } = await completeFirstRunSetup(input(code.toLowerCase()), origin());
    const membership = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(membership).toMatchObject({ workspaceId: workspace.id, role: "OWNER" });
    expect((await checkCredentials("first@example.test", "a long first password", "192.0.2.41")).ok).toBe(true);
    const actions = (await db.auditEvent.findMany({ where: { workspaceId: workspace.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["workspace.created", "setup.completed"]);
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true, throughSeq: 2 });

    expect(await setupPending()).toBe(false);
    await expect(completeFirstRunSetup(input(code, "second@example.test"), origin())).rejects.toThrow(SETUP_DONE);
    expect(await db.user.count()).toBe(1);
  });

  it("refuses a wrong code, changes nothing, and throttles an address after 5 wrong codes", async () => {
    const code = issueSetupCode();
    for (let i = 0; i < 5; i++) {
      await expect(completeFirstRunSetup(input("AAAA-AAAA-AAAA-AAAA"), origin("198.51.100.7"))).rejects.toThrow(WRONG_SETUP_CODE);
    }
    // Even the right code waits now, from that address.
    await expect(completeFirstRunSetup(input(code), origin("198.51.100.7"))).rejects.toThrow(SETUP_THROTTLED);
    expect(await db.user.count()).toBe(0);
    expect(await setupPending()).toBe(true);
  });

  it("lets only one of two setups at once create an account", async () => {
    const code = issueSetupCode();
    const results = await Promise.allSettled([
      completeFirstRunSetup(input(code, "one@example.test"), origin("192.0.2.51")),
      completeFirstRunSetup(input(code, "two@example.test"), origin("192.0.2.52")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && (refused.reason as Error).message).toBe(SETUP_DONE);
    expect(await db.user.count()).toBe(1);
    expect(await db.workspace.count()).toBe(1);
  });

  it("is not offered when no code was issued (a start that found users, or a code used up)", async () => {
    expect(await setupPending()).toBe(false);
    await expect(completeFirstRunSetup(input("AAAA-AAAA-AAAA-AAAA"), origin())).rejects.toThrow(SETUP_DONE);
  });
});
