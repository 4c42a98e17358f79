import { CornerDownRight, KeyRound, Plus } from "lucide-react";
import Link from "next/link";
import { KeyListFilters } from "@/components/keys/key-list-filters";
import { KeyStatusBadge } from "@/components/keys/key-status-badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { countApiKeys, listApiKeys } from "@/lib/api-keys/queries";
import type { KeyView } from "@/lib/api-keys/records";
import { nestRotationChains } from "@/lib/api-keys/rotation-chain";
import { keyState } from "@/lib/api-keys/status";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatRelative } from "@/lib/format";
import { summarizeAccess } from "@/lib/scopes/access-summary";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { goneScopes } from "@/lib/scopes/scopes";
import { keyListQuerySchema } from "@/lib/validation/key-list";

export const metadata = { title: "API keys" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function KeysPage({ searchParams }: { searchParams: SearchParams }) {
  const { context, allowed } = await pageAccess("keys.read");
  if (!allowed) return <NoAccess what="API keys" />;
  const { workspaceId, workspaceName, role } = context.current;
  const params = await searchParams;
  const query = keyListQuerySchema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const canManage = can(role, "keys.manage");
  const [{ keys, nextCursor }, total] = await Promise.all([listApiKeys(workspaceId, query), countApiKeys(workspaceId)]);
  const createButton = canManage ? (
    <Link href="/keys/new" className={buttonClasses("primary")}>
      <Plus aria-hidden className="size-4" />
      Create API key
    </Link>
  ) : null;

  if (total === 0) {
    return (
      <>
        <PageHeader title="API keys" description={`Private keys that let integrations call the API on behalf of ${workspaceName}.`} />
        <Card className="flex flex-col items-center gap-3 px-6 py-12 text-center">
          <KeyRound aria-hidden className="size-8 text-accent" />
          <h2 className="text-lg font-semibold">No API keys yet</h2>
          <p className="max-w-md text-sm text-fg-muted">
            {canManage
              ? "Create a key for each integration and give it only the access it needs. You can rotate or revoke it at any time."
              : "An Owner or Admin of this workspace can create keys; you will see them here."}
          </p>
          {createButton}
        </Card>
      </>
    );
  }

  const filtered = query.status !== "all" || query.q !== "";
  const nextHref = nextCursor
    ? `/keys?${new URLSearchParams({ status: query.status, q: query.q, sort: query.sort, cursor: nextCursor })}`
    : null;
  const firstHref = `/keys?${new URLSearchParams({ status: query.status, q: query.q, sort: query.sort })}`;
  const now = new Date();

  return (
    <>
      <PageHeader
        title="API keys"
        description={`Private keys that let integrations call the API on behalf of ${workspaceName}.`}
        actions={createButton}
      />
      <KeyListFilters query={query} />
      <Card className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">API keys{filtered ? " matching the filters" : ""}</caption>
          <TableHead
            columns={[
              { label: "Name" },
              { label: "Status" },
              { label: "Access", from: "md" },
              { label: "Created", from: "lg" },
              { label: "Last used", from: "sm" },
              { label: "Ends", from: "lg" },
            ]}
          />
          <tbody className="divide-y divide-border">
            {nestRotationChains(keys).flatMap(({ key, predecessors }) => [
              <KeyRow key={key.id} keyView={key} now={now} />,
              ...predecessors.map((previous) => <KeyRow key={previous.id} keyView={previous} now={now} replacedBy={key.name} />),
            ])}
          </tbody>
        </table>
        {keys.length === 0 ? <p className="px-4 py-8 text-center text-sm text-fg-muted">No keys match these filters.</p> : null}
      </Card>
      <nav aria-label="Pages of keys" className="mt-4 flex justify-between gap-2 text-sm">
        {query.cursor ? (
          <Link href={firstHref} className={buttonClasses("secondary")}>
            First page
          </Link>
        ) : (
          <span />
        )}
        {nextHref ? (
          <Link href={nextHref} className={buttonClasses("secondary")}>
            Next page
          </Link>
        ) : null}
      </nav>
    </>
  );
}

/**
 * One key of the list. A predecessor of a rotation is drawn under the key that replaced it, indented,
 * so a chain reads as one integration's keys rather than unrelated duplicates of a name.
 */
function KeyRow({ keyView: key, now, replacedBy }: { keyView: KeyView; now: Date; replacedBy?: string }) {
  const state = keyState(key, now);
  const catalog = loadedCatalog();
  const gone = goneScopes(catalog, key.scopes);
  return (
    <tr className={replacedBy ? "bg-muted/40" : undefined}>
      <td className={replacedBy ? "py-3 pr-4 pl-8" : "px-4 py-3"}>
        <div className="flex items-start gap-1.5">
          {replacedBy ? <CornerDownRight aria-hidden className="mt-0.5 size-4 shrink-0 text-fg-muted" /> : null}
          <div className="min-w-0">
            <Link
              href={`/keys/${key.id}`}
              className="font-medium text-fg underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
            >
              {key.name}
            </Link>
            <div className="font-mono text-xs text-fg-muted">{key.masked}</div>
            {replacedBy ? <div className="text-xs text-fg-muted">Old key, replaced by the key above</div> : null}
          </div>
        </div>
      </td>
      <td className="px-4 py-3">
        <KeyStatusBadge status={key.status} />
        {/* Below lg the Ends column is hidden: the countdown of a key that is ending goes under its badge. */}
        {key.status === "rotating" || key.status === "expiring" ? (
          <div className="mt-1 text-xs text-fg-muted lg:hidden">{state.timeline}</div>
        ) : null}
      </td>
      <td className="hidden px-4 py-3 text-fg-muted md:table-cell">
        {summarizeAccess(catalog, key.scopes)}
        {gone.length ? <div className="text-xs">{gone.join(", ")}: no longer in the catalog</div> : null}
      </td>
      <td className="hidden px-4 py-3 text-fg-muted lg:table-cell">
        {formatDate(key.createdAt)}
        <div className="text-xs">by {key.createdByLabel}</div>
      </td>
      <td className="hidden px-4 py-3 text-fg-muted sm:table-cell">
        {key.lastUsedAt ? formatRelative(key.lastUsedAt, now) : "Never used"}
      </td>
      <td className="hidden px-4 py-3 text-fg-muted lg:table-cell">{state.timeline}</td>
    </tr>
  );
}
