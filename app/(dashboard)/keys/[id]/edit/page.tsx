import Link from "next/link";
import { notFound } from "next/navigation";
import { EditKeyForm } from "@/components/keys/edit-key-form";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { ROTATING_NOT_EDITABLE } from "@/lib/api-keys/lifecycle";
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
  if (key.status === "rotating")
    return (
      <Card className="p-6">
        <h1 className="text-xl font-semibold break-words">{key.name} cannot be edited</h1>
        <p className="mt-2 text-sm text-fg-muted">{ROTATING_NOT_EDITABLE}</p>
        {key.rotatedTo ? (
          <Link href={`/keys/${key.rotatedTo.id}/edit`} className={`${buttonClasses("secondary")} mt-4`}>
            Edit the replacement
          </Link>
        ) : null}
      </Card>
    );
  return (
    <>
      <PageHeader title={`Edit ${key.name}`} description={`${key.masked}. Narrowing access takes effect on the key's next request.`} />
      <EditKeyForm
        keyRecord={{ id: key.id, name: key.name, description: key.description, ipAllowList: key.ipAllowList, scopes: key.scopes }}
      />
    </>
  );
}
