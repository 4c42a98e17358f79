import { NoAccess } from "@/components/ui/no-access";
import { PlannedPage } from "@/components/ui/planned-page";
import { pageAccess } from "@/lib/auth/page-access";

export const metadata = { title: "Audit log" };

export default async function AuditlogPage() {
  const { allowed } = await pageAccess("audit.read");
  if (!allowed) return <NoAccess what="the audit log" />;
  return (
    <PlannedPage
      title="Audit log"
      description="Who changed what, and when. Events are hash-chained: any edit or deletion is detectable."
      planned={[
        "Every change to keys and members, with before and after",
        "Filters by actor, action and target; export",
        "Chain verification status",
      ]}
    />
  );
}
