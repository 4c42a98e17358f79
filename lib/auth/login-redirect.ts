// Sending a visitor to sign in and back. The proxy passes the page asked for in a request header, so a
// page that finds the server-side session gone (signed out elsewhere, removed from the workspace) can
// still send the visitor back there after signing in.
import { safeCallbackPath } from "@/lib/validation/sign-in";

export const REQUESTED_PATH_HEADER = "x-keysmith-requested-path";

/** /login, with the page to come back to when it is a path of this site. */
export function loginPath(requested: string | null | undefined): string {
  const back = safeCallbackPath(requested ?? undefined);
  return back ? `/login?${new URLSearchParams({ callbackUrl: back })}` : "/login";
}
