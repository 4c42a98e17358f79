import "server-only";
// What /api/auth/session tells the browser's scripts: who is signed in and until when, nothing more.
// Auth.js would answer with whatever the session callback returns, which on the server must hold the
// server-side session's id (lib/auth/current.ts reads it through auth()); scripts never need that id,
// and a token whose server-side session is gone (signed out, expired) is no session at all.
import { loadSessionContext } from "./sessions";

export const SESSION_ENDPOINT = "/api/auth/session";

type AuthJsSession = { sessionId?: string; expires?: string } | null;

/** Auth.js's answer for the session endpoint, reduced to the client's view; other answers pass through. */
export async function toClientSession(response: Response): Promise<Response> {
  if (!response.ok || !response.headers.get("content-type")?.includes("application/json")) return response;
  const session = (await response.json()) as AuthJsSession;
  const context = session?.sessionId ? await loadSessionContext(session.sessionId) : null;
  const body = context ? { user: { name: context.user.name, email: context.user.email }, expires: session?.expires } : null;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { status: response.status, headers });
}
