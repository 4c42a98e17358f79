import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWorkspace } from "@/lib/testing/factories";
import { sessionIdleMs } from "./session-max-age";
import { createSession, loadSessionContext } from "./sessions";

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("the idle timeout", () => {
  it("defaults to 30 minutes and reads SESSION_IDLE_MINUTES, ignoring nonsense", () => {
    expect(sessionIdleMs({})).toBe(30 * 60_000);
    expect(sessionIdleMs({ SESSION_IDLE_MINUTES: "5" })).toBe(5 * 60_000);
    expect(sessionIdleMs({ SESSION_IDLE_MINUTES: "0" })).toBe(30 * 60_000);
    expect(sessionIdleMs({ SESSION_IDLE_MINUTES: "soon" })).toBe(30 * 60_000);
  });

  it("ends a session unused for longer, and deletes its row", async () => {
    const sessionId = await createSession((await createWorkspace(["OWNER"])).member("OWNER").userId);
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: minutesAgo(31) } });
    expect(await loadSessionContext(sessionId)).toBeNull();
    expect(await db.session.findUnique({ where: { id: sessionId } })).toBeNull();
  });

  it("keeps a session in use alive, writing its last-seen time at most once a minute", async () => {
    const sessionId = await createSession((await createWorkspace(["OWNER"])).member("OWNER").userId);
    const recent = minutesAgo(0.5);
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: recent } });
    expect(await loadSessionContext(sessionId)).not.toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(recent);

    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: minutesAgo(29) } });
    expect(await loadSessionContext(sessionId)).not.toBeNull();
    const seen = (await db.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt;
    expect(Date.now() - seen.getTime()).toBeLessThan(5_000);
  });
});
