import { AccessRequestsSetting } from "@/components/settings/access-requests-setting";
import { RequireTwoFactor } from "@/components/settings/require-two-factor";
import { Card } from "@/components/ui/card";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { workspaceSettings } from "@/lib/workspaces/settings";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { context, allowed } = await pageAccess("workspace.read");
  if (!allowed) return <NoAccess what="settings" />;
  const settings = await workspaceSettings(context.current.workspaceId);
  const canChange = can(context.current.role, "settings.manage");
  return (
    <>
      <PageHeader title="Settings" description={`Policies of ${context.current.workspaceName}.`} />
      <div className="space-y-6">
        <Card className="p-4 sm:p-6">
          <h2 className="mb-4 text-lg font-semibold">Sign-in</h2>
          <RequireTwoFactor required={settings.requireTwoFactor} canChange={canChange} />
        </Card>
        <Card className="p-4 sm:p-6">
          <h2 className="mb-4 text-lg font-semibold">Integrators</h2>
          <AccessRequestsSetting enabled={settings.accessRequestsEnabled} slug={settings.slug} canChange={canChange} />
        </Card>
        <Card className="p-4 sm:p-6">
          <h2 className="text-base font-semibold">Coming to this page</h2>
          <ul className="mt-3 list-disc space-y-1.5 pl-5 text-sm text-fg-muted">
            <li>Workspace name</li>
            <li>Key policies: maximum lifetime, required expiry, allowed scopes</li>
          </ul>
        </Card>
      </div>
    </>
  );
}
