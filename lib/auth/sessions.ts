// Server-side sessions: the row the Auth.js token points to, and the membership it currently acts in.
// Role and workspace are read from the database on every request, so a role change or a removal
// takes effect at once, and the current workspace is never something the browser can assert.

import { randomBytes } from "node:crypto";
import { databaseOutageLog } from "@/lib/database-outage-log";
import { db } from "@/lib/db";
import { isRole, type Role } from "./roles";
import { LAST_SEEN_RESOLUTION_MS, SESSION_MAX_AGE_SECONDS, sessionIdleMs } from "./session-max-age";

export type WorkspaceMembership = { workspaceId: string; workspaceName: string; role: Role };

export type SessionContext = {
  sessionId: string;
  user: { id: string; email: string; name: string };
  /** Null when the user belongs to no workspace (every membership was removed). */
  current: WorkspaceMembership | null;
  memberships: WorkspaceMembership[];
  /**
   * The current workspace requires two-factor for Owners and Admins, the user is one there and has
   * no second factor yet: nothing in that workspace is open until they set one up.
   */
  needsTwoFactorSetup: boolean;
  /** When the user last proved who they are in this session (sign-in, or "Confirm it's you"). */
  confirmedAt: Date;
};

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const pruning = globalThis as unknown as { __keysmithSessionsPrunedAt?: number };

/**
 * Deletes expired session rows (they are refused anyway, but would pile up forever). Runs on sign-in,
 * at most once an hour per process, so a sign-in costs one extra delete an hour: a database nobody
 * signs in to keeps its expired rows until the next sign-in, and no timer is needed.
 */
export async function pruneExpiredSessions(now = new Date(), { force = false } = {}): Promise<number> {
  const last = pruning.__keysmithSessionsPrunedAt ?? 0;
  if (!force && now.getTime() - last < PRUNE_EVERY_MS) return 0;
  pruning.__keysmithSessionsPrunedAt = now.getTime();
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

export async function createSession(userId: string): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  // Signing in is a confirmation: the step-up window starts now (lib/auth/step-up.ts).
  await db.session.create({ data: { id, userId, expiresAt, confirmedAt: now } });
  await pruneExpiredSessions();
  return id;
}

export async function deleteSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

export async function loadSessionContext(sessionId: string): Promise<SessionContext | null> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      lastSeenAt: true,
      confirmedAt: true,
      currentWorkspaceId: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          totpEnabledAt: true,
          _count: { select: { passkeys: true } },
          memberships: {
            select: { role: true, workspace: { select: { id: true, name: true, requireTwoFactor: true } } },
            orderBy: { workspace: { name: "asc" } },
          },
        },
      },
    },
  });
  // Every signed-in page and action reads this first: with only dashboard traffic, it is what ends an outage's log.
  databaseOutageLog.succeeded();
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  const now = Date.now();
  if (session.lastSeenAt.getTime() + sessionIdleMs() <= now) {
    await deleteSession(sessionId);
    return null;
  }
  if (session.lastSeenAt.getTime() + LAST_SEEN_RESOLUTION_MS <= now) {
    // Conditional, so concurrent requests of one session write it once.
    await db.session.updateMany({
      where: { id: sessionId, lastSeenAt: { lte: new Date(now - LAST_SEEN_RESOLUTION_MS) } },
      data: { lastSeenAt: new Date(now) },
    });
  }
  const { memberships: rows, totpEnabledAt, _count, ...user } = session.user;
  const memberships = rows.flatMap((m) =>
    isRole(m.role) ? [{ workspaceId: m.workspace.id, workspaceName: m.workspace.name, role: m.role }] : [],
  );
  // A stale current workspace (the user was removed from it) falls back to the first one left.
  const current = memberships.find((m) => m.workspaceId === session.currentWorkspaceId) ?? memberships[0] ?? null;
  const requiring = new Set(rows.filter((m) => m.workspace.requireTwoFactor).map((m) => m.workspace.id));
  const needsTwoFactorSetup =
    current !== null && requiring.has(current.workspaceId) && current.role !== "SUPPORT" && !totpEnabledAt && _count.passkeys === 0;
  return { sessionId, user, current, memberships, needsTwoFactorSetup, confirmedAt: session.confirmedAt };
}

/** Makes workspaceId current for the session; false when the user is not a member (nothing changes). */
export async function switchCurrentWorkspace(sessionId: string, userId: string, workspaceId: string): Promise<boolean> {
  const membership = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { id: true } });
  if (!membership) return false;
  await db.session.update({ where: { id: sessionId }, data: { currentWorkspaceId: workspaceId } });
  return true;
}
