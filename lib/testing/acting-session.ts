// Server actions read the signed-in user from lib/auth/current (cookies, in Next). Tests replace that
// one module with this one, backed by a real server-side session row, so an action runs through its
// real middleware, permission check and database:
//   vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
import type { RequestOrigin } from "@/lib/audit/types";
import { createSession, loadSessionContext, type SessionContext, switchCurrentWorkspace } from "@/lib/auth/sessions";

let sessionId: string | null = null;

/** Signs the given user in for the following action calls, acting in workspaceId. */
export async function actAs(member: { userId: string }, workspaceId?: string): Promise<void> {
  sessionId = await createSession(member.userId);
  if (workspaceId && !(await switchCurrentWorkspace(sessionId, member.userId, workspaceId)))
    throw new Error("not a member of that workspace");
}

export function actSignedOut(): void {
  sessionId = null;
}

export async function getSessionContext(): Promise<SessionContext | null> {
  return sessionId ? loadSessionContext(sessionId) : null;
}

export async function currentRequestOrigin(): Promise<RequestOrigin> {
  return { ip: "192.0.2.10", userAgent: "vitest" };
}

export async function currentPublicOrigin(): Promise<string> {
  return "http://localhost:3000";
}
