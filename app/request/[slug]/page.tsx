import { KeyRound } from "lucide-react";
import { notFound } from "next/navigation";
import { CatalogProvider } from "@/components/catalog-provider";
import { RequestForm } from "@/components/requests/request-form";
import { formToken } from "@/lib/access-requests/form-token";
import { requestableWorkspace } from "@/lib/access-requests/receive";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";

export const metadata = { title: "Request API access" };

/**
 * Public: an integrator asks for a key without an account. A workspace that does not exist and one
 * with requests turned off are the same "Page not found", so the page tells nobody which slugs exist.
 */
export default async function RequestAccessPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const workspace = await requestableWorkspace(slug);
  if (!workspace) notFound();
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 md:px-8">
      <div className="mb-6 flex items-center gap-2 text-lg font-semibold">
        <KeyRound aria-hidden className="size-6 text-accent" />
        Keysmith
      </div>
      <h1 className="mb-1 text-2xl font-semibold tracking-tight">Request API access to {workspace.name}</h1>
      <p className="mb-8 max-w-2xl text-sm text-fg-muted">
        Tell {workspace.name} who you are and what your integration needs. Their team reviews the request; no account is needed. The key
        itself never travels by email.
      </p>
      <CatalogProvider catalog={loadedCatalog()}>
        <RequestForm slug={workspace.slug} token={formToken(workspace.slug)} />
      </CatalogProvider>
    </main>
  );
}
