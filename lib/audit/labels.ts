import type { AuditAction } from "./types";

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "member.role_changed": "Member role changed",
  "member.removed": "Member removed",
  "workspace.created": "Workspace created",
  "auth.sign_in_failed": "Sign-in failed",
  "key.created": "Key created",
  "key.updated": "Key renamed or described",
  "key.scopes_changed": "Access changed",
  "key.rotated": "Key rotated",
  "key.revoked": "Key revoked",
  "key.deleted": "Key deleted",
};

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
