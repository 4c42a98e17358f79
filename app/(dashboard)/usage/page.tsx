import { NoAccess } from "@/components/ui/no-access";
import { PlannedPage } from "@/components/ui/planned-page";
import { pageAccess } from "@/lib/auth/page-access";

export const metadata = { title: "Usage" };

export default async function UsagePage() {
  const { allowed } = await pageAccess("usage.read");
  if (!allowed) return <NoAccess what="usage" />;
  return (
    <PlannedPage
      title="Usage"
      description="Every request made with this workspace's keys."
      planned={[
        "Requests over time, allowed and denied, by resource and by key",
        "Recent requests with filters: key, resource, decision",
        "Scopes granted but unused in the last 30 days",
      ]}
    />
  );
}
