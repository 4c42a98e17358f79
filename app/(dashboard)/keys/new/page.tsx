import { CreateKeyForm } from "@/components/keys/create-key-form";
import { NoAccess } from "@/components/ui/no-access";
import { pageAccess } from "@/lib/auth/page-access";

export const metadata = { title: "Create API key" };
// The role is read per request: a member demoted to Support must not get the form from a cache.
export const dynamic = "force-dynamic";

/** The heading and its description live in the form: after creating, the page becomes "Save your secret key". */
export default async function NewKeyPage() {
  const { allowed } = await pageAccess("keys.manage");
  if (!allowed) return <NoAccess what="creating API keys" />;
  return <CreateKeyForm />;
}
