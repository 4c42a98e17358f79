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
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { grants } from "@/lib/scopes/scopes";
import { idSchema } from "@/lib/validation/members";
import { requestedGrantOf } from "@/lib/validation/usage";

export const metadata = { title: "Edit API key" };

export default async function EditKeyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { context, allowed } = await pageAccess("keys.manage");
  if (!allowed) return <NoAccess what="editing API keys" />;
  const id = idSchema.safeParse((await params).id);
  const key = id.success ? await getApiKey(context.current.workspaceId, id.data) : null;
  if (!key) notFound();
  if (!isUsable(key.status)) return <NoAccess what={`editing a ${key.status} key`} />;
  // From a "Grant <scope>" link: a scope of the catalog is chosen in the form; anything else is said and ignored.
  const grant = requestedGrantOf(loadedCatalog(), (await searchParams).grant);
  const scope = grant && "scope" in grant ? grant.scope : undefined;
  if (key.status === "rotating")
    return (
      <Card className="p-6">
        <h1 className="text-xl font-semibold break-words">{key.name} cannot be edited</h1>
        <p className="mt-2 text-sm text-fg-muted">{ROTATING_NOT_EDITABLE}</p>
        {key.rotatedTo ? (
          // The replacement is where a Grant link's scope can still be granted.
          <Link
            href={`/keys/${key.rotatedTo.id}/edit${scope ? `?${new URLSearchParams({ grant: scope })}` : ""}`}
            className={`${buttonClasses("secondary")} mt-4`}
          >
            Edit the replacement
          </Link>
        ) : null}
      </Card>
    );
  return (
    <>
      <PageHeader title={`Edit ${key.name}`} description={`${key.masked}. Narrowing access takes effect on the key's next request.`} />
      {grant && "ignored" in grant ? (
        <p className="mb-6 max-w-3xl rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm">
          The link asked to grant “{grant.ignored}”, which is not a scope of this API, so nothing was chosen for it.
        </p>
      ) : null}
      {scope && grants(key.scopes, scope) ? (
        <p className="mb-6 max-w-3xl rounded-md border border-border px-3 py-2 text-sm">This key already grants {scope}.</p>
      ) : null}
      <EditKeyForm
        keyRecord={{
          id: key.id,
          name: key.name,
          description: key.description,
          ipAllowList: key.ipAllowList,
          rateLimit: key.rateLimit,
          scopes: key.scopes,
        }}
        grant={scope}
      />
    </>
  );
}
