// The roles a membership can hold. Plain data: the matrix test, the UI and zod all read it.
export const ROLES = ["OWNER", "ADMIN", "SUPPORT"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { OWNER: "Owner", ADMIN: "Admin", SUPPORT: "Support" };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: "Everything, including members, roles and workspace policies",
  ADMIN: "Create, edit, rotate and revoke keys; read usage and the audit log",
  SUPPORT: "Read-only: keys (never a secret), usage, the audit log",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
