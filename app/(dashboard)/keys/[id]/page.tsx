import { ArrowLeft, Pencil } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { DeleteKeyButton, RevokeKeyButton, RotateKeyButton } from "@/components/keys/key-actions";
import { KeyStatusBadge } from "@/components/keys/key-status-badge";
import { KeyTimeline } from "@/components/keys/key-timeline";
import { ScopeMatrix } from "@/components/keys/scope-matrix";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NoAccess } from "@/components/ui/no-access";
import { RecentRequests } from "@/components/usage/recent-requests";
import { KeyUnusedScopesCard } from "@/components/usage/unused-scopes";
import { UsageOverview } from "@/components/usage/usage-overview";
import { keyTimeline } from "@/lib/api-keys/key-timeline";
import { getApiKey, keyHistory, revokedAlongWith } from "@/lib/api-keys/queries";
import { isUsable } from "@/lib/api-keys/status";
import { auditActionLabel } from "@/lib/audit/labels";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { formatDateTime, formatRelative } from "@/lib/format";
import { summarizeAccess, toAccessMap } from "@/lib/scopes/scopes";
import { recentRequests, usageSummary } from "@/lib/usage/queries";
import { unusedScopesOfKey } from "@/lib/usage/unused-scopes";
import { idSchema } from "@/lib/validation/members";
import { requestQueryOf, usageViewOf } from "@/lib/validation/usage";

export const metadata = { title: "API key" };

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr]">
      <dt className="text-sm text-fg-muted">{term}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

export default async function KeyDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { context, allowed } = await pageAccess("keys.read");
  if (!allowed) return <NoAccess what="API keys" />;
  const id = idSchema.safeParse((await params).id);
  // Another workspace's key is not found, exactly like a missing one.
  const key = id.success ? await getApiKey(context.current.workspaceId, id.data) : null;
  if (!key) notFound();
  const role = context.current.role;
  const workspaceId = context.current.workspaceId;
  const showUsage = can(role, "usage.read");
  const view = usageViewOf(await searchParams);
  const [history, timeline, predecessors, summary, requests, unused] = await Promise.all([
    keyHistory(workspaceId, key.id),
    keyTimeline(workspaceId, key.id, { withUsage: showUsage }),
    key.status === "revoked" ? [] : revokedAlongWith(key),
    showUsage ? usageSummary(workspaceId, { ...view, keyId: key.id }) : null,
    showUsage ? recentRequests(workspaceId, { ...requestQueryOf(view), keyId: key.id }) : null,
    showUsage ? unusedScopesOfKey(workspaceId, key.id) : null,
  ]);
  const canManage = can(role, "keys.manage");
  const usable = isUsable(key.status);
  const now = new Date();
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
            {usable && key.status !== "rotating" ? (
              <Link href={`/keys/${key.id}/edit`} className={buttonClasses("secondary")}>
                <Pencil aria-hidden className="size-4" />
                Edit
              </Link>
            ) : null}
            {/* Mounted while the key is usable, so the dialog showing the new secret survives a re-render after rotating. */}
            {usable ? <RotateKeyButton keyRecord={actionKey} canRotate={key.status === "active" || key.status === "expiring"} /> : null}
            {key.status !== "revoked" ? <RevokeKeyButton keyRecord={actionKey} alsoRevokes={alsoRevokes} /> : null}
            {!usable && can(role, "keys.delete") ? <DeleteKeyButton keyRecord={actionKey} /> : null}
          </div>
        ) : null}
      </header>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          {summary ? <UsageOverview keyId={key.id} initial={summary} view={view} /> : null}
          {unused ? <KeyUnusedScopesCard keyId={key.id} initial={unused} canManage={canManage} /> : null}
          {requests ? <RecentRequests keyId={key.id} initial={requests} view={view} /> : null}
          <Card className="p-5">
            <h2 className="mb-2 text-base font-semibold">Access</h2>
            <p className="mb-4 text-sm text-fg-muted">{summarizeAccess(key.scopes)}</p>
            <ScopeMatrix value={toAccessMap(key.scopes)} readOnly />
          </Card>
        </div>
        {/* On a phone, details and history come before the long matrix. */}
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
              <Detail term={key.status === "rotating" ? "Works until" : "Expires"}>
                {key.expiresAt ? `${formatDateTime(key.expiresAt)} (${formatRelative(key.expiresAt, now)})` : "Never"}
              </Detail>
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
              {key.rotatedTo ? (
                <Detail term="Replaced by">
                  <Link href={`/keys/${key.rotatedTo.id}`} className="font-mono underline underline-offset-2">
                    {key.rotatedTo.prefix}…{key.rotatedTo.last4}
                  </Link>
                </Detail>
              ) : null}
            </dl>
          </Card>
          <Card className="p-5">
            <h2 className="mb-3 text-base font-semibold">History</h2>
            <ol className="space-y-3">
              {history.map((event) => (
                <li key={event.id} className="text-sm">
                  <span className="font-medium">{auditActionLabel(event.action)}</span>
                  <span className="block text-fg-muted">
                    {event.actorLabel} · <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time>
                  </span>
                </li>
              ))}
            </ol>
          </Card>
          <KeyTimeline entries={timeline} />
        </div>
      </div>
    </>
  );
}
