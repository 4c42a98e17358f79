// A key's status is derived from its timestamps and its successor, never stored (docs/security.md, "The key").
// `keyState` is the one place that turns it into what the dashboard shows: the badge, the line about
// when the key stops, its successor and the actions that still make sense.
import { formatDateTime, formatTimeLeft } from "@/lib/format";

export const KEY_STATUSES = ["active", "expiring", "rotating", "rotated", "expired", "revoked"] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

export const KEY_STATUS_LABELS: Record<KeyStatus, string> = {
  active: "Active",
  expiring: "Expiring soon",
  rotating: "In grace",
  rotated: "Rotated",
  expired: "Expired",
  revoked: "Revoked",
};

export const EXPIRING_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;

export type StatusFields = { revokedAt: Date | null; expiresAt: Date | null; replacedById: string | null };

export function keyStatus(key: StatusFields, now = new Date()): KeyStatus {
  if (key.revokedAt) return "revoked";
  // A key whose end came from a rotation (at once, or when its grace ran out) was replaced, not left to lapse.
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return key.replacedById ? "rotated" : "expired";
  if (key.replacedById) return "rotating";
  if (key.expiresAt && key.expiresAt.getTime() - now.getTime() <= EXPIRING_WITHIN_MS) return "expiring";
  return "active";
}

/** Statuses in which the key still authenticates requests. */
export function isUsable(status: KeyStatus): boolean {
  return status === "active" || status === "expiring" || status === "rotating";
}

/** What can still be done to a key in a status, whoever asks (the role is checked on its own). */
export type KeyAction = "edit" | "rotate" | "change-expiry" | "revoke" | "delete";

const ACTIONS: Record<KeyStatus, readonly KeyAction[]> = {
  active: ["edit", "rotate", "change-expiry", "revoke"],
  expiring: ["edit", "rotate", "change-expiry", "revoke"],
  // The old key of a rotation only winds down: it is edited through its replacement, and revoking it
  // is the way to stop it before its grace ends.
  rotating: ["revoke"],
  // A key that no longer authenticates has nothing left to revoke: it can only be cleaned up.
  rotated: ["delete"],
  expired: ["delete"],
  revoked: ["delete"],
};

export function allows(status: KeyStatus, action: KeyAction): boolean {
  return ACTIONS[status].includes(action);
}

export type StateFields = {
  status: KeyStatus;
  expiresAt: Date | null;
  revokedAt: Date | null;
  rotatedTo: { id: string; prefix: string; last4: string } | null;
};

export type KeyState = {
  status: KeyStatus;
  label: string;
  /** When the key stops or stopped working, in words: "Ends in 58 minutes", "Expires Dec 3, 2027, 10:00 UTC". */
  timeline: string;
  /** The key that took over, for a key in grace or rotated. */
  replacedBy: { id: string; masked: string } | null;
  actions: readonly KeyAction[];
};

export function keyState(key: StateFields, now = new Date()): KeyState {
  const replacedBy =
    key.rotatedTo && (key.status === "rotating" || key.status === "rotated")
      ? { id: key.rotatedTo.id, masked: `${key.rotatedTo.prefix}…${key.rotatedTo.last4}` }
      : null;
  return {
    status: key.status,
    label: KEY_STATUS_LABELS[key.status],
    timeline: timeline(key, now),
    replacedBy,
    actions: ACTIONS[key.status],
  };
}

function timeline(key: StateFields, now: Date): string {
  // A revoked key's expiry no longer means anything: what counts is when it was revoked.
  if (key.status === "revoked") return key.revokedAt ? `Revoked ${formatDateTime(key.revokedAt)}` : "Revoked";
  if (!key.expiresAt) return "Never expires";
  switch (key.status) {
    case "rotating":
      return `Ends ${formatTimeLeft(key.expiresAt, now)}`;
    case "rotated":
      return `Ended ${formatDateTime(key.expiresAt)}`;
    case "expired":
      return `Expired ${formatDateTime(key.expiresAt)}`;
    default:
      return `Expires ${formatTimeLeft(key.expiresAt, now)}`;
  }
}
