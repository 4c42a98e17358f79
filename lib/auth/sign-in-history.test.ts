import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { db } from "@/lib/db";
import { addMember, createWorkspace } from "@/lib/testing/factories";
import { listSignInHistory, recordSignInAttempt } from "./sign-in-history";

const origin = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36" };

describe("sign-in history", () => {
  it("records success and failure for an existing account, audited in each of its workspaces", async () => {
    const first = await createWorkspace(["OWNER"]);
    const second = await createWorkspace(["OWNER"]);
    const member = first.member("OWNER");
    await addMember(second.workspace.id, "ADMIN", member.userId);

    await recordSignInAttempt(member.email.toUpperCase(), false, origin);
    await recordSignInAttempt(member.email, true, origin);

    const history = await listSignInHistory(member.userId);
    expect(history.map((h) => ({ succeeded: h.succeeded, ip: h.ip, userAgent: h.userAgent }))).toEqual([
      { succeeded: true, ...origin },
      { succeeded: false, ...origin },
    ]);
    for (const workspaceId of [first.workspace.id, second.workspace.id]) {
      const actions = await db.auditEvent.findMany({ where: { workspaceId, targetId: member.userId }, orderBy: { seq: "asc" } });
      expect(actions.map((a) => [a.action, a.actorType])).toEqual([
        ["auth.sign_in_failed", "system"],
        ["auth.signed_in", "user"],
      ]);
      expect(await verifyAuditChain(workspaceId)).toMatchObject({ ok: true });
    }
  });

  it("records nothing for an email without an account", async () => {
    const before = await db.signInAttempt.count();
    await recordSignInAttempt("nobody-here@example.test", false, origin);
    expect(await db.signInAttempt.count()).toBe(before);
  });

  it("shows only the last 90 days, and prunes what is older", async () => {
    const member = (await createWorkspace(["OWNER"])).member("OWNER");
    const old = await db.signInAttempt.create({
      data: { userId: member.userId, succeeded: true, createdAt: new Date(Date.now() - 91 * 24 * 3600 * 1000) },
    });
    expect(await listSignInHistory(member.userId)).toEqual([]);
    await recordSignInAttempt(member.email, true, origin);
    expect(await db.signInAttempt.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await listSignInHistory(member.userId)).toHaveLength(1);
  });
});
