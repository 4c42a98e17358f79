import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/testing/factories";
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
