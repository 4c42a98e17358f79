import Link from "next/link";
import { REQUEST_STATUS_LABELS, RequestStatusBadge } from "@/components/requests/request-status-badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { listAccessRequests } from "@/lib/access-requests/queries";
import { pageAccess } from "@/lib/auth/page-access";
import { formatDateTime } from "@/lib/format";
import { summarizeAccess } from "@/lib/scopes/access-summary";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { ACCESS_REQUEST_STATUSES, requestListFilterSchema } from "@/lib/validation/access-requests";
import { workspaceSettings } from "@/lib/workspaces/settings";

export const metadata = { title: "Access requests" };
export const dynamic = "force-dynamic";

const FILTERS = [...ACCESS_REQUEST_STATUSES, "all"] as const;

export default async function AccessRequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { context, allowed } = await pageAccess("requests.review");
  if (!allowed) return <NoAccess what="access requests" />;
  const { status } = requestListFilterSchema.parse(await searchParams);
  const [requests, settings] = await Promise.all([
    listAccessRequests(context.current.workspaceId, status),
    workspaceSettings(context.current.workspaceId),
  ]);
  return (
    <>
      <PageHeader
        title="Access requests"
        description={
          <>
            Integrators ask for a key on <code className="font-mono">/request/{settings.slug}</code>
            {settings.accessRequestsEnabled ? "" : " once an Owner turns access requests on in Settings"}. Open a request to review it in
            the key form.
          </>
        }
      />
      <nav aria-label="Filter by status" className="mb-4 flex flex-wrap gap-2">
        {FILTERS.map((filter) => (
          <Link
            key={filter}
            href={filter === "pending" ? "/requests" : `/requests?status=${filter}`}
            aria-current={filter === status ? "page" : undefined}
            className={cn(
              "rounded-md border border-border px-3 py-1.5 text-sm font-medium",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
              filter === status ? "border-accent bg-accent text-accent-fg" : "hover:bg-muted",
            )}
          >
            {filter === "all" ? "All" : REQUEST_STATUS_LABELS[filter]}
          </Link>
        ))}
      </nav>
      {requests.length === 0 ? (
        <Card className="p-6 text-sm text-fg-muted">
          {status === "pending" ? "No request is waiting for review." : "No requests here."}
        </Card>
      ) : (
        <Card className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Access requests</caption>
            <TableHead
              columns={[{ label: "Requester" }, { label: "Access", from: "md" }, { label: "Received", from: "sm" }, { label: "Status" }]}
            />
            <tbody className="divide-y divide-border">
              {requests.map((request) => (
                <tr key={request.id}>
                  <td className="px-4 py-3">
                    <Link href={`/requests/${request.id}`} className="font-medium underline-offset-2 hover:underline">
                      {request.requesterName} ({request.company})
                    </Link>
                    <div className="text-fg-muted break-all">{request.email}</div>
                  </td>
                  <td className="hidden px-4 py-3 md:table-cell">{summarizeAccess(loadedCatalog(), request.scopes)}</td>
                  <td className="hidden px-4 py-3 whitespace-nowrap sm:table-cell">{formatDateTime(request.createdAt)}</td>
                  <td className="px-4 py-3">
                    <RequestStatusBadge status={request.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
