import { NoAccess } from "@/components/ui/no-access";
import { PlannedPage } from "@/components/ui/planned-page";
import { pageAccess } from "@/lib/auth/page-access";

export const metadata = { title: "Keys" };

export default async function KeysPage() {
  const { allowed } = await pageAccess("keys.read");
  if (!allowed) return <NoAccess what="API keys" />;
  return (
    <PlannedPage
      title="Keys"
      description="Create private API keys and choose, per API resource, what each key may do."
      planned={[
        "Create a key with the scope matrix: No access, Read or Full access for every API resource",
        "See the secret exactly once, with a copy button and a ready-to-run curl line",
        "List, filter and search keys by status: active, expiring soon, rotating, expired, revoked",
        "Edit, rotate with a grace period, and revoke keys",
      ]}
    />
  );
}
