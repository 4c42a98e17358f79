import { ArrowLeft, Pencil } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { ChangeExpiryButton } from "@/components/keys/change-expiry";
import { KeyAccess } from "@/components/keys/key-access";
import { DeleteKeyButton, RevokeKeyButton, RotateKeyButton } from "@/components/keys/key-actions";
import { KeyHandovers } from "@/components/keys/key-handovers";
import { KeyStatusBadge } from "@/components/keys/key-status-badge";
import { KeyTester } from "@/components/keys/key-tester";
import { KeyTimeline } from "@/components/keys/key-timeline";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NoAccess } from "@/components/ui/no-access";
import { RecentRequests } from "@/components/usage/recent-requests";
import { KeyUnusedScopesCard } from "@/components/usage/unused-scopes";
import { UsageOverview } from "@/components/usage/usage-overview";
import { keyTimeline } from "@/lib/api-keys/key-timeline";
import { getApiKey, revokedAlongWith } from "@/lib/api-keys/queries";
import { allows, isUsable, keyState } from "@/lib/api-keys/status";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { formatDateTime, formatRelative } from "@/lib/format";
import { keyHandovers } from "@/lib/handover/handovers";
import { describeRateLimit } from "@/lib/rate-limit/rate-limit";
import { summarizeAccess } from "@/lib/scopes/access-summary";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { recentRequests, usageSummary } from "@/lib/usage/queries";
import { unusedScopesOfKey } from "@/lib/usage/unused-scopes";
import { idSchema } from "@/lib/validation/members";
import { requestQueryOf, usageViewOf } from "@/lib/validation/usage";

type Params = Promise<{ id: string }>;

/** The page's key, read once per request for both the page and its title. Another workspace's key is null, like a missing one. */
const keyOfPage = cache(async (rawId: string) => {
  const { context, allowed } = await pageAccess("keys.read");
  const id = idSchema.safeParse(rawId);
  return { context, allowed, key: allowed && id.success ? await getApiKey(context.current.workspaceId, id.data) : null };
});

/** The browser tab names the key, so several open keys can be told apart. */
export async function generateMetadata({ params }: { params: Params }) {
  const { key } = await keyOfPage((await params).id);
  return { title: key ? key.name : "API key" };
}

const EXPIRY_TERMS = {
  active: "Expires",
  expiring: "Expires",
  rotating: "Works until",
  rotated: "Stopped",
  expired: "Expired",
} as const;

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[7rem_1fr]">
      <dt className="text-sm text-fg-muted">{term}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

export default async function KeyDetailPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { context, allowed, key } = await keyOfPage((await params).id);
  if (!allowed) return <NoAccess what="API keys" />;
  // Another workspace's key is not found, exactly like a missing one.
  if (!key) notFound();
  const role = context.current.role;
  const workspaceId = context.current.workspaceId;
  const showUsage = can(role, "usage.read");
  const catalog = loadedCatalog();
  const view = usageViewOf(catalog, await searchParams);
  const [timeline, predecessors, summary, requests, unused, handovers] = await Promise.all([
    keyTimeline(workspaceId, key.id, { withUsage: showUsage }),
    key.status === "revoked" ? [] : revokedAlongWith(key),
    showUsage ? usageSummary(workspaceId, { ...view, keyId: key.id }) : null,
    showUsage ? recentRequests(workspaceId, { ...requestQueryOf(view), keyId: key.id }) : null,
    showUsage ? unusedScopesOfKey(workspaceId, key.id) : null,
    keyHandovers(workspaceId, key.id),
  ]);
  const canManage = can(role, "keys.manage");
  const usable = isUsable(key.status);
  const now = new Date();
  const state = keyState(key, now);
  const actionKey = { id: key.id, name: key.name, masked: key.masked };
  const alsoRevokes = predecessors.map((previous) => ({
    masked: previous.masked,
    worksUntil: previous.expiresAt ? formatDateTime(previous.expiresAt) : "its grace period ends",
  }));

  return (
    <>
      <Link href="/keys" className="mb-4 inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg">
        <ArrowLeft aria-hidden className="size-4" />
        All keys
      </Link>
      <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight break-words">{key.name}</h1>
            <KeyStatusBadge status={key.status} />
          </div>
          <p className="mt-1 font-mono text-sm text-fg-muted">{key.masked}</p>
          <p className="mt-1 text-sm">
            {state.timeline}
            {state.replacedBy ? (
              <>
                {" · Replaced by "}
                <Link href={`/keys/${state.replacedBy.id}`} className="font-mono underline underline-offset-2">
                  {state.replacedBy.masked}
                </Link>
              </>
            ) : null}
          </p>
          {canManage && key.status === "rotating" && key.rotatedTo ? (
            <p className="mt-2 max-w-prose text-sm text-fg-muted">
              This is the old key of a rotation: it stops working when its grace period ends and cannot be edited.{" "}
              <Link href={`/keys/${key.rotatedTo.id}`} className="underline underline-offset-2">
                Edit its replacement
              </Link>{" "}
              instead; narrowing the replacement narrows this key too.
            </p>
          ) : null}
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            {allows(key.status, "edit") ? (
              <Link href={`/keys/${key.id}/edit`} className={buttonClasses("secondary")}>
                <Pencil aria-hidden className="size-4" />
                Edit
              </Link>
            ) : null}
            {allows(key.status, "change-expiry") ? <ChangeExpiryButton keyRecord={{ ...actionKey, expiresAt: key.expiresAt }} /> : null}
            {/* Mounted while the key is usable, so the dialog showing the new secret survives a re-render after rotating. */}
            {usable ? <RotateKeyButton keyRecord={actionKey} canRotate={allows(key.status, "rotate")} /> : null}
            {allows(key.status, "revoke") ? <RevokeKeyButton keyRecord={actionKey} alsoRevokes={alsoRevokes} /> : null}
            {allows(key.status, "delete") && can(role, "keys.delete") ? <DeleteKeyButton keyRecord={actionKey} /> : null}
          </div>
        ) : null}
      </header>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          {summary ? <UsageOverview keyId={key.id} initial={summary} view={view} /> : null}
          {unused ? <KeyUnusedScopesCard keyId={key.id} initial={unused} canManage={canManage} /> : null}
          {requests ? <RecentRequests keyId={key.id} initial={requests} view={view} /> : null}
        </div>
        {/* The key itself (details, access, timeline) beside its traffic, so neither column runs on alone; on a phone it comes first. */}
        <div className="order-first space-y-6 lg:order-none">
          <Card className="p-5">
            <h2 className="mb-2 text-base font-semibold">Details</h2>
            <dl className="divide-y divide-border">
              {key.description ? <Detail term="Description">{key.description}</Detail> : null}
              <Detail term="Created">
                {formatDateTime(key.createdAt)}
                <span className="block text-fg-muted">by {key.createdByLabel}</span>
              </Detail>
              <Detail term="Last used">
                {key.lastUsedAt ? (
                  <>
                    {formatRelative(key.lastUsedAt, now)}
                    {key.lastUsedIp ? <span className="block text-fg-muted">from {key.lastUsedIp}</span> : null}
                  </>
                ) : (
                  "Never used"
                )}
              </Detail>
              <Detail term="IP allow-list">
                {key.ipAllowList.length ? (
                  <ul className="font-mono">
                    {key.ipAllowList.map((entry) => (
                      <li key={entry}>{entry}</li>
                    ))}
                  </ul>
                ) : (
                  "Any address"
                )}
              </Detail>
              <Detail term="Rate limit">{describeRateLimit(key.rateLimit)}</Detail>
              {/* A revoked key's expiry no longer means anything: the Revoked row says when it stopped. */}
              {key.status !== "revoked" ? (
                <Detail term={EXPIRY_TERMS[key.status]}>
                  {key.expiresAt ? `${formatDateTime(key.expiresAt)} (${formatRelative(key.expiresAt, now)})` : "Never"}
                </Detail>
              ) : null}
              {key.revokedAt ? (
                <Detail term="Revoked">
                  {formatDateTime(key.revokedAt)}
                  <span className="block text-fg-muted">by {key.revokedByLabel}</span>
                  {key.revokeReason ? <span className="block text-fg-muted">Reason: {key.revokeReason}</span> : null}
                </Detail>
              ) : null}
              {key.rotatedFrom ? (
                <Detail term="Replaces">
                  <Link href={`/keys/${key.rotatedFrom.id}`} className="font-mono underline underline-offset-2">
                    {key.rotatedFrom.prefix}…{key.rotatedFrom.last4}
                  </Link>
                </Detail>
              ) : null}
            </dl>
          </Card>
          <Card className="p-5">
            <h2 className="mb-2 text-base font-semibold">Access</h2>
            <p className="mb-4 text-sm text-fg-muted">{summarizeAccess(catalog, key.scopes)}</p>
            <KeyAccess catalog={catalog} scopes={key.scopes} />
          </Card>
          {handovers.length ? <KeyHandovers handovers={handovers} canManage={canManage} now={now} /> : null}
          <Card className="p-5">
            <KeyTester
              keyId={key.id}
              scopes={key.scopes}
              status={key.status}
              ipAllowList={key.ipAllowList}
              canGrant={canManage && allows(key.status, "edit")}
            />
          </Card>
          <KeyTimeline entries={timeline} masked={key.masked} auditLinks={can(role, "audit.read")} />
        </div>
      </div>
    </>
  );
}
