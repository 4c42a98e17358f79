// How an access request leaves the database for the dashboard: its JSON columns parsed, and its
// target in the audit log.
import type { AuditTarget } from "@/lib/audit/types";
import type { AccessRequestStatus } from "@/lib/validation/access-requests";
import type { ExpirationChoice } from "@/lib/validation/keys";
import type { Prisma } from "@/prisma/generated/sqlite/client";

export const ACCESS_REQUEST_SELECT = {
  id: true,
  status: true,
  requesterName: true,
  company: true,
  email: true,
  purpose: true,
  scopes: true,
  reasons: true,
  wishedExpiration: true,
  wishedExpiresOn: true,
  address: true,
  createdAt: true,
  decidedByLabel: true,
  decidedAt: true,
  declineMessage: true,
  keyId: true,
} satisfies Prisma.AccessRequestSelect;

type AccessRequestRow = Prisma.AccessRequestGetPayload<{ select: typeof ACCESS_REQUEST_SELECT }>;

export function toAccessRequestView(row: AccessRequestRow) {
  return {
    ...row,
    status: row.status as AccessRequestStatus,
    scopes: JSON.parse(row.scopes) as string[],
    reasons: JSON.parse(row.reasons) as Record<string, string>,
    wishedExpiration: row.wishedExpiration as ExpirationChoice,
  };
}
export type AccessRequestView = ReturnType<typeof toAccessRequestView>;

export function accessRequestTarget(request: { id: string; requesterName: string; company: string }): AuditTarget {
  return { type: "access_request", id: request.id, label: `${request.requesterName} (${request.company})` };
}
