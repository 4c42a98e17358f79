import { ExportLinks } from "@/components/ui/export-links";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { DeniedRequests } from "@/components/usage/denied-requests";
import { RecentRequests } from "@/components/usage/recent-requests";
import { WorkspaceUnusedScopesCard } from "@/components/usage/unused-scopes";
import { UsageOverview } from "@/components/usage/usage-overview";
import { UsageRangeProvider } from "@/components/usage/usage-range";
import { keyChoices } from "@/lib/api-keys/queries";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { deniedRequests } from "@/lib/usage/denied-requests";
import { recentRequests, usageSummary } from "@/lib/usage/queries";
import { keysWithUnusedScopes } from "@/lib/usage/unused-scopes";
import { requestQueryOf, usageViewOf } from "@/lib/validation/usage";

export const metadata = { title: "Usage" };

// The request table's filters, as the export names them.
const USAGE_EXPORT_PARAMS = { key: "keyId", requestResource: "resource", outcome: "outcome" };

export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context, allowed } = await pageAccess("usage.read");
  if (!allowed) return <NoAccess what="usage" />;
  const { workspaceId, workspaceName, role } = context.current;
  const keys = await keyChoices(workspaceId);
  const parsed = usageViewOf(loadedCatalog(), await searchParams);
  // A key filter names one of this workspace's keys, or none.
  const view = { ...parsed, key: keys.some((key) => key.id === parsed.key) ? parsed.key : undefined };
  const [summary, requests, unused, denied] = await Promise.all([
    usageSummary(workspaceId, view),
    recentRequests(workspaceId, { ...requestQueryOf(view), keyId: view.key }),
    keysWithUnusedScopes(workspaceId),
    deniedRequests(workspaceId, view.range),
  ]);

  return (
    <>
      <PageHeader
        title="Usage"
        description={`Every request made to the API with ${workspaceName}'s keys, allowed or denied. These views refresh by themselves.`}
        actions={<ExportLinks href="/usage/export" fromPage={USAGE_EXPORT_PARAMS} />}
      />
      <div className="space-y-6">
        <UsageRangeProvider initial={view.range}>
          <UsageOverview initial={summary} view={view} />
          <WorkspaceUnusedScopesCard initial={unused} canManage={can(role, "keys.manage")} />
          <DeniedRequests initial={denied} range={view.range} canManage={can(role, "keys.manage")} />
        </UsageRangeProvider>
        <RecentRequests initial={requests} keys={keys} view={view} />
      </div>
    </>
  );
}
