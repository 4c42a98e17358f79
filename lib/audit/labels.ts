import type { AuditAction } from "./types";

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "member.role_changed": "Member role changed",
  "member.removed": "Member removed",
  "member.added": "Member added",
  "workspace.created": "Workspace created",
  "setup.completed": "Setup completed",
  "invitation.created": "Invitation created",
  "invitation.accepted": "Invitation accepted",
  "invitation.revoked": "Invitation revoked",
  "auth.signed_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.password_reset": "Password reset",
  "member.reset_link_created": "Password reset link created",
  "auth.two_factor_enabled": "Two-factor enabled",
  "auth.two_factor_disabled": "Two-factor disabled",
  "auth.recovery_code_used": "Recovery code used",
  "auth.passkey_added": "Passkey added",
  "auth.passkey_removed": "Passkey removed",
  "workspace.settings_changed": "Workspace settings changed",
  "auth.password_changed": "Password changed",
  "auth.signed_out_everywhere": "Signed out everywhere",
  "auth.identity_confirmed": "Identity confirmed",
  "auth.identity_confirmation_failed": "Identity confirmation failed",
  "key.created": "Key created",
  "key.updated": "Key renamed or described",
  "key.scopes_changed": "Access changed",
  "key.rotated": "Key rotated",
  "key.expiry_changed": "Expiry changed",
  "key.revoked": "Key revoked",
  "key.deleted": "Key deleted",
  "audit.exported": "Audit log exported",
  "usage.exported": "Usage exported",
  "audit.verified": "Audit chain verified",
  "access_request.received": "Access request received",
  "access_request.approved": "Access request approved",
  "access_request.declined": "Access request declined",
  "workspace.access_requests_changed": "Access requests turned on or off",
};

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
