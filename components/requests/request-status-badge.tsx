import { Badge } from "@/components/ui/badge";
import type { AccessRequestStatus } from "@/lib/validation/access-requests";

const TONES = { pending: "warning", approved: "success", declined: "neutral" } as const;
export const REQUEST_STATUS_LABELS: Record<AccessRequestStatus, string> = {
  pending: "Pending",
  approved: "Approved",
  declined: "Declined",
};

export function RequestStatusBadge({ status }: { status: AccessRequestStatus }) {
  return <Badge tone={TONES[status]}>{REQUEST_STATUS_LABELS[status]}</Badge>;
}
