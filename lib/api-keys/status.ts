// A key's status is derived from its timestamps and its successor, never stored (docs/security.md, "The key").
export const KEY_STATUSES = ["active", "expiring", "rotating", "expired", "revoked"] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

export const KEY_STATUS_LABELS: Record<KeyStatus, string> = {
  active: "Active",
  expiring: "Expiring soon",
  rotating: "Rotating",
  expired: "Expired",
  revoked: "Revoked",
};

export const EXPIRING_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;

export type StatusFields = { revokedAt: Date | null; expiresAt: Date | null; replacedById: string | null };

export function keyStatus(key: StatusFields, now = new Date()): KeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  if (key.replacedById) return "rotating";
  if (key.expiresAt && key.expiresAt.getTime() - now.getTime() <= EXPIRING_WITHIN_MS) return "expiring";
  return "active";
}

/** Statuses in which the key still authenticates requests. */
export function isUsable(status: KeyStatus): boolean {
  return status === "active" || status === "expiring" || status === "rotating";
}
