import { describe, expect, it } from "vitest";
import { describeAuditEvent } from "@/lib/audit/describe";
import { db } from "@/lib/db";
import { addMember, createWorkspace } from "@/lib/testing/factories";
import { createSession } from "./sessions";
import { endSession } from "./sign-out";

const ORIGIN = { ip: "198.51.100.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };

describe("signing out", () => {
  it("ends the session and audits it in each of the person's workspaces, with address and browser", async () => {
    const first = await createWorkspace(["OWNER"]);
    const second = await createWorkspace(["OWNER"]);
    const person = await addMember(second.workspace.id, "SUPPORT", first.member("OWNER").userId);
    const sessionId = await createSession(person.userId);
    const otherSession = await createSession(person.userId);

    await endSession(sessionId, ORIGIN);

    expect(await db.session.findUnique({ where: { id: sessionId } })).toBeNull();
    expect(await db.session.findUnique({ where: { id: otherSession } })).not.toBeNull();
    const events = await db.auditEvent.findMany({ where: { action: "auth.signed_out" }, orderBy: { workspaceId: "asc" } });
    expect(events.map((e) => e.workspaceId).sort()).toEqual([first.workspace.id, second.workspace.id].sort());
    for (const event of events) {
      expect(event).toMatchObject({ actorType: "user", actorId: person.userId, targetId: person.userId, ...ORIGIN });
      expect(describeAuditEvent(event)).toBe(`Signed out: ${person.email}`);
    }
  });

  it("records nothing for a session already ended", async () => {
    const ws = await createWorkspace(["OWNER"]);
    const sessionId = await createSession(ws.member("OWNER").userId);
    await endSession(sessionId, ORIGIN);
    await endSession(sessionId, ORIGIN);
    await endSession("no-such-session", ORIGIN);
    expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "auth.signed_out" } })).toBe(1);
  });
});
