import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { RequestOrigin } from "@/lib/audit/types";
import { auth } from "./index";
import { loginPath, REQUESTED_PATH_HEADER } from "./login-redirect";
import { publicOrigin } from "./public-origin";
import { requestOrigin } from "./request-origin";
import { loadSessionContext, type SessionContext, type WorkspaceMembership } from "./sessions";

export type WorkspaceContext = SessionContext & { current: WorkspaceMembership };

/** The signed-in user's server-side session for this request, or null. Cached per request. */
export const getSessionContext = cache(async (): Promise<SessionContext | null> => {
  const session = await auth();
  if (!session?.sessionId) return null;
  return loadSessionContext(session.sessionId);
});

/** For pages: the session with a current workspace, or a redirect to sign in. */
export async function requireWorkspaceContext(): Promise<WorkspaceContext> {
  const context = await getSessionContext();
  if (!context) redirect(loginPath((await headers()).get(REQUESTED_PATH_HEADER)));
  if (!context.current) redirect("/no-workspace");
  return context as WorkspaceContext;
}

export async function currentRequestOrigin(): Promise<RequestOrigin> {
  return requestOrigin(await headers());
}

/** The dashboard's address as this request reached it (AUTH_URL when set), for links shown on screen. */
export async function currentPublicOrigin(): Promise<string> {
  return publicOrigin(await headers());
}
