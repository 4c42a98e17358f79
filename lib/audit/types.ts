// Who did something, to what, from where: the vocabulary every audit event is written in.
export type AuditActor =
  | { type: "user"; id: string; label: string }
  | { type: "key"; id: string; label: string }
  | { type: "system"; label: string };

export type AuditTarget = { type: string; id: string | null; label: string | null };

export type RequestOrigin = { ip: string | null; userAgent: string | null };

export const AUDIT_ACTIONS = [
  "member.role_changed",
  "member.removed",
  "member.added",
  "workspace.created",
  "setup.completed",
  "invitation.created",
  "invitation.accepted",
  "invitation.revoked",
  "auth.signed_in",
  "auth.sign_in_failed",
  "auth.password_reset",
  "member.reset_link_created",
  "auth.two_factor_enabled",
  "auth.two_factor_disabled",
  "auth.recovery_code_used",
  "auth.passkey_added",
  "auth.passkey_removed",
  "workspace.settings_changed",
  "auth.password_changed",
  "auth.signed_out",
  "auth.signed_out_everywhere",
  "auth.identity_confirmed",
  "auth.identity_confirmation_failed",
  "key.created",
  "key.updated",
  "key.scopes_changed",
  "key.rotated",
  "key.expiry_changed",
  "key.revoked",
  "key.deleted",
  "key.handover_created",
  "key.handover_opened",
  "key.handover_cancelled",
  "key.handover_expired",
  "audit.exported",
  "usage.exported",
  "audit.verified",
  "action.refused",
  "record.created",
  "record.updated",
  "record.deleted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
