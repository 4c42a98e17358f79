// Where a handover link stands, derived from its timestamps (never stored): the key page and the open
// endpoint's refusals read it from here.
export type HandoverState = "pending" | "opened" | "cancelled" | "expired";

export type HandoverStateFields = { openedAt: Date | null; cancelledAt: Date | null; expiresAt: Date };

export function handoverState(handover: HandoverStateFields, now = new Date()): HandoverState {
  if (handover.openedAt) return "opened";
  if (handover.cancelledAt) return "cancelled";
  if (handover.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}
