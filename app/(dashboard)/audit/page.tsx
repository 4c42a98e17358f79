import Link from "next/link";
import { AuditEntry } from "@/components/audit/audit-entry";
import { AuditFilters } from "@/components/audit/audit-filters";
import { VerifyIntegrity } from "@/components/audit/verify-integrity";
import { Card } from "@/components/ui/card";
import { ExportLinks } from "@/components/ui/export-links";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ACTION_LABELS } from "@/lib/audit/labels";
import { auditActorChoices, listAuditEvents } from "@/lib/audit/queries";
import { pageAccess } from "@/lib/auth/page-access";
import { auditQueryOf } from "@/lib/validation/audit";

export const metadata = { title: "Audit log" };

const AUDIT_EXPORT_PARAMS = { actor: "actor", action: "action", target: "target", from: "from", to: "to" };

/** A datetime-local value (UTC, to the minute) for the filter inputs and the URL. */
const minuteOf = (date: Date | undefined) => date?.toISOString().slice(0, 16);

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context, allowed } = await pageAccess("audit.read");
  if (!allowed) return <NoAccess what="the audit log" />;
  const { workspaceId, workspaceName } = context.current;
  const query = auditQueryOf(await searchParams);
  const [page, actors] = await Promise.all([listAuditEvents(workspaceId, query), auditActorChoices(workspaceId)]);
  const filters = { actor: query.actor, action: query.action, target: query.target, from: minuteOf(query.from), to: minuteOf(query.to) };
  const pageLink = (cursor: string | null) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
    if (cursor) params.set("cursor", cursor);
    return `/audit${params.size ? `?${params}` : ""}`;
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Who changed what in ${workspaceName}, and when: every event, newest first. Times are UTC; hover one for your local time.`}
        actions={<ExportLinks href="/audit/export" fromPage={AUDIT_EXPORT_PARAMS} />}
      />
      <div className="mb-4">
        <VerifyIntegrity />
      </div>
      <AuditFilters
        values={filters}
        actions={Object.entries(AUDIT_ACTION_LABELS).map(([id, label]) => ({ id, label }))}
        members={actors.members}
        keys={actors.keys}
      />
      <Card className="px-5 py-2">
        <h2 className="sr-only">Events</h2>
        {page.events.length ? (
          <ol className="divide-y divide-border">
            {page.events.map((event) => (
              <AuditEntry key={event.id} event={event} />
            ))}
          </ol>
        ) : (
          <p className="py-6 text-sm text-fg-muted">No events match these filters.</p>
        )}
      </Card>
      <nav aria-label="Audit log pages" className="mt-4 flex gap-4 text-sm">
        {query.cursor ? (
          <Link href={pageLink(null)} className="underline underline-offset-2">
            Newest events
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={pageLink(page.nextCursor)} className="underline underline-offset-2">
            Older events
          </Link>
        ) : null}
      </nav>
    </>
  );
}
