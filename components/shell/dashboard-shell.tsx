import { KeyRound } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { pendingRequestCount } from "@/lib/access-requests/queries";
import type { WorkspaceContext } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { MainNav } from "./main-nav";
import { NAV_ITEMS } from "./nav-items";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

export async function DashboardShell({ context, children }: { context: WorkspaceContext; children: ReactNode }) {
  const { user, current, memberships } = context;
  const hidden = NAV_ITEMS.filter((item) => item.permission && !can(current.role, item.permission)).map((item) => item.href);
  // The requests waiting for a reviewer, on the navigation of those who review them.
  const pending = can(current.role, "requests.review") ? await pendingRequestCount(current.workspaceId) : 0;
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_1fr]">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:p-2"
      >
        Skip to content
      </a>
      <aside className="border-b border-border bg-surface p-3 md:min-h-dvh md:border-b-0 md:border-r">
        <div className="flex items-center justify-between gap-2 md:block md:space-y-4">
          <Link href="/keys" className="flex items-center gap-2 px-1 font-semibold">
            <KeyRound aria-hidden className="size-5 text-accent" />
            Keysmith
          </Link>
          <div className="min-w-0 flex-1 md:flex-none">
            <WorkspaceSwitcher current={current} memberships={memberships} />
          </div>
          <div className="md:hidden">
            <UserMenu name={user.name} email={user.email} role={current.role} />
          </div>
        </div>
        <div className="mt-3 md:mt-6">
          <MainNav hidden={hidden} badges={{ "/requests": pending }} />
        </div>
      </aside>
      <div className="min-w-0">
        <header className="hidden items-center justify-end border-b border-border bg-surface px-6 py-2 md:flex">
          <UserMenu name={user.name} email={user.email} role={current.role} />
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6 md:px-8 md:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
