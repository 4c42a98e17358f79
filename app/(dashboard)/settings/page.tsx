import { NoAccess } from "@/components/ui/no-access";
import { PlannedPage } from "@/components/ui/planned-page";
import { pageAccess } from "@/lib/auth/page-access";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { allowed } = await pageAccess("workspace.read");
  if (!allowed) return <NoAccess what="settings" />;
  return (
    <PlannedPage
      title="Settings"
      description="Workspace policies."
      planned={["Workspace name", "Key policies: maximum lifetime, required expiry, allowed scopes"]}
    />
  );
}
