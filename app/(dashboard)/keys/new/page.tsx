import { CreateKeyForm } from "@/components/keys/create-key-form";
import { NoAccess } from "@/components/ui/no-access";
import { pageAccess } from "@/lib/auth/page-access";
import { defaultKeyRateLimit } from "@/lib/rate-limit/default-key-rate-limit";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { parsePrefillLink } from "@/lib/scopes/prefill";

export const metadata = { title: "Create API key" };
// The role is read per request: a member demoted to Support must not get the form from a cache.
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The heading and its description live in the form: after creating, the page becomes "Save your secret key".
 * A prefilled link's query (`?name=…&scopes=…`) only fills the form in; the key is created when submitted.
 */
export default async function NewKeyPage({ searchParams }: { searchParams: SearchParams }) {
  const { allowed } = await pageAccess("keys.manage");
  if (!allowed) return <NoAccess what="creating API keys" />;
  const prefill = parsePrefillLink(loadedCatalog(), await searchParams);
  // Keyed by what the link asked for, so following another link from this page starts a fresh form.
  return <CreateKeyForm key={JSON.stringify(prefill.initial)} prefill={prefill} defaultRateLimit={defaultKeyRateLimit()} />;
}
