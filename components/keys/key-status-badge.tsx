import { Badge } from "@/components/ui/badge";
import { KEY_STATUS_LABELS, type KeyStatus } from "@/lib/api-keys/status";

const TONES = {
  active: "success",
  expiring: "warning",
  rotating: "accent",
  rotated: "neutral",
  expired: "neutral",
  revoked: "danger",
} as const satisfies Record<KeyStatus, string>;

export function KeyStatusBadge({ status }: { status: KeyStatus }) {
  return <Badge tone={TONES[status]}>{KEY_STATUS_LABELS[status]}</Badge>;
}
