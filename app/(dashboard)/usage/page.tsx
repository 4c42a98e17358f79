import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { RecentRequests } from "@/components/usage/recent-requests";
import { WorkspaceUnusedScopesCard } from "@/components/usage/unused-scopes";
import { UsageOverview } from "@/components/usage/usage-overview";
import { keyChoices } from "@/lib/api-keys/queries";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { recentRequests, usageSummary } from "@/lib/usage/queries";
import { keysWithUnusedScopes } from "@/lib/usage/unused-scopes";

export const metadata = { title: "Usage" };

export default async function UsagePage() {
  const { context, allowed } = await pageAccess("usage.read");
  if (!allowed) return <NoAccess what="usage" />;
  const { workspaceId, workspaceName, role } = context.current;
  const [summary, requests, unused, keys] = await Promise.all([
    usageSummary(workspaceId, { range: "24h" }),
    recentRequests(workspaceId, { outcome: "all" }),
    keysWithUnusedScopes(workspaceId),
    keyChoices(workspaceId),
  ]);

  return (
    <>
      <PageHeader
        title="Usage"
        description={`Every request made to the API with ${workspaceName}'s keys, allowed or denied. These views refresh by themselves.`}
      />
      <div className="space-y-6">
        <UsageOverview initial={summary} />
        <WorkspaceUnusedScopesCard initial={unused} canManage={can(role, "keys.manage")} />
        <RecentRequests initial={requests} keys={keys} />
      </div>
    </>
  );
}
