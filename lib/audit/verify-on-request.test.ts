import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { verifyOnRequest } from "./verify-on-request";

describe("Verify integrity", () => {
  it("says the chain is intact through the last event, and records that someone checked", async () => {
    const { workspace, change } = await workspaceWithKey();
    const before = await db.auditEvent.count({ where: { workspaceId: workspace.id } });
    const answer = await verifyOnRequest({ ...change, workspaceName: workspace.name });
    expect(answer).toEqual({ ok: true, message: `Chain intact through event ${before}.`, detail: null });
    const recorded = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "audit.verified" } });
    expect(recorded.seq).toBe(before + 1);
    expect(JSON.parse(recorded.metadata)).toEqual({ result: answer.message });
  });

  it("names the event an edit in the database broke", async () => {
    const { workspace, change } = await workspaceWithKey();
    const first = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: workspace.id }, orderBy: { seq: "asc" } });
    await db.auditEvent.update({ where: { id: first.id }, data: { actorLabel: "someone else" } });
    const answer = await verifyOnRequest({ ...change, workspaceName: workspace.name });
    expect(answer.ok).toBe(false);
    expect(answer.message).toBe(`Chain broken at event ${first.seq}: altered.`);
  });
});
