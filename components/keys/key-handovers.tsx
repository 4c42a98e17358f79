import { Card } from "@/components/ui/card";
import { formatDateTime, formatRelative } from "@/lib/format";
import type { HandoverState } from "@/lib/handover/state";
import { CancelHandoverButton } from "./cancel-handover-button";

type Handover = {
  id: string;
  state: HandoverState;
  createdByLabel: string;
  createdAt: Date;
  expiresAt: Date;
  openedAt: Date | null;
  openedIp: string | null;
  cancelledAt: Date | null;
  cancelledByLabel: string | null;
};

function status(handover: Handover, now: Date): string {
  switch (handover.state) {
    case "opened":
      return `Opened ${formatRelative(handover.openedAt!, now)}${handover.openedIp ? ` from ${handover.openedIp}` : ""}`;
    case "cancelled":
      return `Cancelled${handover.cancelledByLabel ? ` by ${handover.cancelledByLabel}` : ""}`;
    case "expired":
      return "Expired";
    case "pending":
      return "Not opened yet";
  }
}

/** The key's one-time handover links: who made each, and whether (and from where) it was opened. */
export function KeyHandovers({ handovers, canManage, now }: { handovers: Handover[]; canManage: boolean; now: Date }) {
  return (
    <Card className="p-5">
      <h2 className="mb-3 text-base font-semibold">Handover links</h2>
      <ul className="divide-y divide-border">
        {handovers.map((handover) => (
          <li key={handover.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
            <div className="min-w-0">
              <span className="font-medium">{status(handover, now)}</span>
              <span className="block text-fg-muted">
                by {handover.createdByLabel} · <time dateTime={handover.createdAt.toISOString()}>{formatDateTime(handover.createdAt)}</time>
              </span>
              {handover.state === "pending" ? (
                <span className="block text-fg-muted">Expires {formatDateTime(handover.expiresAt)}</span>
              ) : null}
            </div>
            {canManage && handover.state === "pending" ? (
              <CancelHandoverButton handoverId={handover.id} context={`made ${formatDateTime(handover.createdAt)}`} />
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
