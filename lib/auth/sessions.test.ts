import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser, createWorkspace } from "@/lib/testing/factories";
import { sessionIdleMs } from "./session-max-age";
import { createSession, loadSessionContext, pruneExpiredSessions } from "./sessions";

const HOUR = 60 * 60 * 1000;

async function expiredSession(userId: string, ago = HOUR) {
  const row = await db.session.create({ data: { id: `expired-${Math.random()}`, userId, expiresAt: new Date(Date.now() - ago) } });
  return row.id;
}

describe("expired session rows", () => {
  it("are deleted when someone signs in, and live sessions stay", async () => {
    const user = await createUser();
    const other = await createUser();
    const expired = [await expiredSession(user.id), await expiredSession(other.id, 30 * 24 * HOUR)];
    const live = await createSession(other.id);
    // No prune has run in this process within the hour: the next sign-in prunes.
    (globalThis as { __keysmithSessionsPrunedAt?: number }).__keysmithSessionsPrunedAt = 0;

    const fresh = await createSession(user.id);
    expect(await db.session.count({ where: { id: { in: expired } } })).toBe(0);
    expect(await loadSessionContext(live)).not.toBeNull();
    expect(await loadSessionContext(fresh)).not.toBeNull();
  });

  it("are pruned at most once an hour by sign-ins, so a sign-in stays cheap", async () => {
    const user = await createUser();
    const now = new Date();
    await pruneExpiredSessions(now, { force: true });
    const expired = await expiredSession(user.id);
    expect(await pruneExpiredSessions(new Date(now.getTime() + HOUR / 2))).toBe(0);
    expect(await db.session.count({ where: { id: expired } })).toBe(1);
    expect(await pruneExpiredSessions(new Date(now.getTime() + HOUR + 1))).toBe(1);
    expect(await db.session.count({ where: { id: expired } })).toBe(0);
  });
});

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
