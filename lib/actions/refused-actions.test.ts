// A workspace action refused for authorization leaves one audit event (bounded), and the answer the
// caller gets is the refusal's as before. Validation errors are not refusals and leave none.
import { describe, expect, it, vi } from "vitest";
import { auditKeys, reloadAuditKeys } from "@/lib/audit/audit-keys";
import { describeActor, describeAuditEvent } from "@/lib/audit/describe";
import { db } from "@/lib/db";
import { actAs } from "@/lib/testing/acting-session";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { watchedLongEnough } from "@/lib/testing/usage-fixtures";
import { narrowUnusedScopes } from "@/lib/usage/narrow-unused-scopes";
import { createInvitationAction } from "./create-invitation";
import { createKeyAction } from "./create-key";
import { revokeKeyAction } from "./revoke-key";
import { NOT_ALLOWED_MESSAGE, TWO_FACTOR_REQUIRED_MESSAGE } from "./safe-action";
import { undoNarrowingAction } from "./undo-narrowing";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const refusals = (workspaceId: string) =>
  db.auditEvent.findMany({ where: { workspaceId, action: "action.refused" }, orderBy: { seq: "asc" } });

describe("refused workspace actions", () => {
  it("records who tried which action on which object, from where, and why", async () => {
    const ws = await workspaceWithKey({ name: "Warehouse sync" });
    const support = ws.member("SUPPORT");
    await actAs(support, ws.workspace.id);
    const result = await revokeKeyAction({ keyId: ws.key.id, reason: "" });
    expect(result?.serverError).toBe(NOT_ALLOWED_MESSAGE);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: ws.key.id } })).revokedAt).toBeNull();

    const [event, ...more] = await refusals(ws.workspace.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actorType: "user",
      actorId: support.userId,
      actorLabel: support.email,
      targetType: "api_key",
      targetId: ws.key.id,
      targetLabel: "Warehouse sync",
      ip: "192.0.2.10",
      userAgent: "vitest",
    });
    expect(JSON.parse(event!.metadata)).toEqual({ action: "Revoke key", reason: "missing_permission", targetType: "api_key" });
    expect(describeAuditEvent(event!)).toBe("Refused: Revoke key 'Warehouse sync' (missing permission)");
    expect(describeActor(event!)).toBe(support.email);
  });

  it("writes one event a minute for a hammered refusal, and counts the repeats on the next", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const ws = await workspaceWithKey();
      await actAs(ws.member("SUPPORT"), ws.workspace.id);
      for (let i = 0; i < 25; i++) expect((await revokeKeyAction({ keyId: ws.key.id, reason: "" }))?.serverError).toBe(NOT_ALLOWED_MESSAGE);
      expect(await refusals(ws.workspace.id)).toHaveLength(1);
      vi.setSystemTime(Date.now() + 61_000);
      await actAs(ws.member("SUPPORT"), ws.workspace.id);
      await revokeKeyAction({ keyId: ws.key.id, reason: "" });
      const events = await refusals(ws.workspace.id);
      expect(events).toHaveLength(2);
      expect(JSON.parse(events[1]!.metadata)).toMatchObject({ repeated: 24 });
      expect(describeAuditEvent(events[1]!)).toMatch(/\(missing permission; 24 more like it in the minute before\)$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("names another workspace's object by its id only, as not found", async () => {
    const ours = await workspaceWithKey();
    const theirs = await workspaceWithKey({ name: "Their secret project" });
    await actAs(ours.owner, ours.workspace.id);
    const result = await revokeKeyAction({ keyId: theirs.key.id, reason: "" });
    expect(result?.serverError).toMatch(/not found/);
    const [event] = await refusals(ours.workspace.id);
    expect(event).toMatchObject({ targetType: "api_key", targetId: theirs.key.id, targetLabel: null });
    expect(describeAuditEvent(event!)).toBe(`Refused: Revoke key ${theirs.key.id} (not found in this workspace)`);
    expect(await refusals(theirs.workspace.id)).toEqual([]);
  });

  it("records a rule of the role and the workspace's two-factor rule", async () => {
    const ws = await workspaceWithKey();
    await actAs(ws.member("ADMIN"), ws.workspace.id);
    expect((await createInvitationAction({ email: "boss@example.test", role: "OWNER" }))?.serverError).toMatch(/cannot invite an Owner/);
    await db.workspace.update({ where: { id: ws.workspace.id }, data: { requireTwoFactor: true } });
    expect((await createKeyAction({ name: "k", description: "", scopes: ["lists:read"], expiration: "never" }))?.serverError).toBe(
      TWO_FACTOR_REQUIRED_MESSAGE,
    );
    const events = await refusals(ws.workspace.id);
    expect(events.map(describeAuditEvent)).toEqual([
      "Refused: Invite member (not allowed)",
      "Refused: Create key (two-factor setup required)",
    ]);
    expect(events.map((e) => e.targetType)).toEqual(["workspace", "workspace"]);
  });

  it("records nothing for invalid input, and answers the refusal even when it cannot be recorded", async () => {
    const ws = await workspaceWithKey();
    await actAs(ws.owner, ws.workspace.id);
    expect((await revokeKeyAction({ keyId: "not an id!", reason: "" }))?.validationErrors).toBeTruthy();
    expect(await refusals(ws.workspace.id)).toEqual([]);

    await actAs(ws.member("SUPPORT"), ws.workspace.id);
    Object.defineProperty(auditKeys(), "current", {
      get() {
        throw new Error("audit key unavailable");
      },
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect((await revokeKeyAction({ keyId: ws.key.id, reason: "" }))?.serverError).toBe(NOT_ALLOWED_MESSAGE);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("the refusal of 'Revoke key' was not audited"));
    } finally {
      errors.mockRestore();
      reloadAuditKeys();
    }
    expect(await refusals(ws.workspace.id)).toEqual([]);
  });

  it("leaves a narrowing undoable: a refused attempt on the key is not a change of it", async () => {
    const ws = await workspaceWithKey({ scopes: ["profiles:read", "lists:write"] });
    await watchedLongEnough(ws.workspace.id, ws.key.id);
    const { eventId } = await narrowUnusedScopes(ws.change, ws.key.id, ["lists"]);
    await actAs(ws.member("SUPPORT"), ws.workspace.id);
    expect((await undoNarrowingAction({ keyId: ws.key.id, eventId: eventId! }))?.serverError).toBe(NOT_ALLOWED_MESSAGE);
    await actAs(ws.owner, ws.workspace.id);
    expect((await undoNarrowingAction({ keyId: ws.key.id, eventId: eventId! }))?.serverError).toBeUndefined();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: ws.key.id } })).scopes).toContain("lists:write");
  });
});
