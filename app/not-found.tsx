import { headers } from "next/headers";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { NotFoundCard } from "@/components/ui/not-found-card";
import { getSessionContext, type WorkspaceContext } from "@/lib/auth/current";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/login-redirect";

export const metadata = { title: "Page not found" };

const EXPLANATION = "Nothing lives at this address. The link may be mistyped, or what it pointed to was removed.";

/**
 * Every URL that matches no route. A dashboard address, signed in with a workspace, gets the 404 inside
 * the dashboard; anything else (the API's and the sign-in pages' paths) a plain one. There is no
 * catch-all route: each path keeps its own routing, and an unknown one stays a 404 whatever it is.
 */
export default async function NotFound() {
  // The proxy sets this header only on the paths its matcher calls the dashboard's; where it did not
  // run, a value the browser sent can only make this page look for its own session, never a redirect.
  const dashboardPath = (await headers()).has(REQUESTED_PATH_HEADER);
  const context = dashboardPath ? await getSessionContext() : null;
  if (context?.current) {
    return (
      <DashboardShell context={context as WorkspaceContext}>
        <NotFoundCard title="Page not found" explanation={EXPLANATION} back={{ href: "/keys", label: "Go to API keys" }} />
      </DashboardShell>
    );
  }
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <NotFoundCard title="Page not found" explanation={EXPLANATION} back={{ href: "/", label: "Go to Keysmith" }} />
    </main>
  );
}
