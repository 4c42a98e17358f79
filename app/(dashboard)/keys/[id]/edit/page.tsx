import { notFound } from "next/navigation";
import { EditKeyForm } from "@/components/keys/edit-key-form";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { getApiKey } from "@/lib/api-keys/queries";
import { isUsable } from "@/lib/api-keys/status";
import { pageAccess } from "@/lib/auth/page-access";
import { idSchema } from "@/lib/validation/members";

export const metadata = { title: "Edit API key" };

export default async function EditKeyPage({ params }: { params: Promise<{ id: string }> }) {
  const { context, allowed } = await pageAccess("keys.manage");
  if (!allowed) return <NoAccess what="editing API keys" />;
  const id = idSchema.safeParse((await params).id);
  const key = id.success ? await getApiKey(context.current.workspaceId, id.data) : null;
  if (!key) notFound();
  if (!isUsable(key.status)) return <NoAccess what={`editing a ${key.status} key`} />;
  return (
    <>
      <PageHeader title={`Edit ${key.name}`} description={`${key.masked}. Narrowing access takes effect on the key's next request.`} />
      <EditKeyForm keyRecord={{ id: key.id, name: key.name, description: key.description, scopes: key.scopes }} />
    </>
  );
}
