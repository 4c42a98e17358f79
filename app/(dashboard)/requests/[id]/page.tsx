import Link from "next/link";
import { ApproveRequest } from "@/components/requests/approve-request";
import { DeclineRequest } from "@/components/requests/decline-request";
import { RequestStatusBadge } from "@/components/requests/request-status-badge";
import { Card } from "@/components/ui/card";
import { NoAccess } from "@/components/ui/no-access";
import { NotFoundCard } from "@/components/ui/not-found-card";
import { PageHeader } from "@/components/ui/page-header";
import { getAccessRequest } from "@/lib/access-requests/queries";
import type { AccessRequestView } from "@/lib/access-requests/records";
import { pageAccess } from "@/lib/auth/page-access";
import { formatDate, formatDateTime } from "@/lib/format";
import { defaultKeyRateLimit } from "@/lib/rate-limit/default-key-rate-limit";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { ACCESS_LABELS, toAccessMap } from "@/lib/scopes/scopes";
import { EXPIRATION_LABELS, KEY_DESCRIPTION_MAX, KEY_NAME_MAX } from "@/lib/validation/keys";
import { idSchema } from "@/lib/validation/members";

export const metadata = { title: "Review access request" };
export const dynamic = "force-dynamic";

function wishedExpiry(request: AccessRequestView): string {
  return request.wishedExpiration === "custom" && request.wishedExpiresOn
    ? `Until ${formatDate(new Date(request.wishedExpiresOn))}`
    : EXPIRATION_LABELS[request.wishedExpiration];
}

/** Everything the requester said, as text (React escapes it): the review reads it before deciding. */
function RequestDetails({ request }: { request: AccessRequestView }) {
  const catalog = loadedCatalog();
  const access = toAccessMap(catalog, request.scopes);
  const asked = catalog.resources.filter((resource) => access[resource.id] !== "none");
  return (
    <Card className="mb-8 max-w-3xl space-y-4 p-4 sm:p-6">
      <h2 className="text-base font-semibold">The request</h2>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
        <dt className="text-fg-muted">Name</dt>
        <dd className="break-words">{request.requesterName}</dd>
        <dt className="text-fg-muted">Company</dt>
        <dd className="break-words">{request.company}</dd>
        <dt className="text-fg-muted">Email</dt>
        <dd className="break-all">{request.email}</dd>
        <dt className="text-fg-muted">What the integration will do</dt>
        <dd className="break-words whitespace-pre-wrap">{request.purpose}</dd>
        <dt className="text-fg-muted">Access asked for</dt>
        <dd>
          <ul className="space-y-1">
            {asked.map((resource) => (
              <li key={resource.id}>
                <span className="font-medium">{resource.label}</span> {ACCESS_LABELS[access[resource.id]!]}
                {request.reasons[resource.id] ? <span className="break-words text-fg-muted">: {request.reasons[resource.id]}</span> : null}
              </li>
            ))}
          </ul>
        </dd>
        <dt className="text-fg-muted">Wished expiry</dt>
        <dd>{wishedExpiry(request)}</dd>
        <dt className="text-fg-muted">Received</dt>
        <dd>
          {formatDateTime(request.createdAt)}
          {request.address ? ` from ${request.address}` : ""}
        </dd>
        {request.status !== "pending" ? (
          <>
            <dt className="text-fg-muted">Decision</dt>
            <dd>
              {request.status === "approved" ? "Approved" : "Declined"} by {request.decidedByLabel}
              {request.decidedAt ? ` on ${formatDateTime(request.decidedAt)}` : ""}
              {request.keyId ? (
                <>
                  {" "}
                  (
                  <Link href={`/keys/${request.keyId}`} className="underline underline-offset-2">
                    the key
                  </Link>
                  )
                </>
              ) : null}
            </dd>
            {request.declineMessage ? (
              <>
                <dt className="text-fg-muted">Message</dt>
                <dd className="break-words whitespace-pre-wrap">{request.declineMessage}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
    </Card>
  );
}

export default async function ReviewAccessRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { context, allowed } = await pageAccess("requests.review");
  if (!allowed) return <NoAccess what="access requests" />;
  const id = idSchema.safeParse((await params).id);
  const request = id.success ? await getAccessRequest(context.current.workspaceId, id.data) : null;
  if (!request)
    return (
      <NotFoundCard
        title="Request not found"
        explanation="There is no access request at this address in this workspace."
        back={{ href: "/requests", label: "All access requests" }}
      />
    );
  const title = `Request from ${request.requesterName}`;
  if (request.status !== "pending") {
    return (
      <>
        <PageHeader title={title} description={<RequestStatusBadge status={request.status} />} />
        <RequestDetails request={request} />
      </>
    );
  }
  return (
    <ApproveRequest
      requestId={request.id}
      initial={{
        name: `${request.company} integration`.slice(0, KEY_NAME_MAX),
        description: `${request.purpose}`.slice(0, KEY_DESCRIPTION_MAX),
        ipAllowList: [],
        rateLimit: defaultKeyRateLimit(),
        scopes: request.scopes,
        expiration: request.wishedExpiration,
        expiresOn: request.wishedExpiresOn ?? undefined,
      }}
      header={
        <>
          <PageHeader
            title={title}
            description="Check the access in the key form below, change what it should not have, then approve or decline."
            actions={<DeclineRequest requestId={request.id} requester={request.requesterName} />}
          />
          <RequestDetails request={request} />
        </>
      }
    />
  );
}
