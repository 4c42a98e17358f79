// The one place that decides what a role may do. Every server action declares one of these
// permissions, and every page and route handler asks `can` in the server before reading or changing.
import type { Role } from "./roles";

export const PERMISSIONS = {
  "workspace.read": ["OWNER", "ADMIN", "SUPPORT"],
  "members.read": ["OWNER", "ADMIN", "SUPPORT"],
  "members.manage": ["OWNER"],
  "members.reset_password": ["OWNER", "ADMIN"],
  // Inviting: an Admin may invite Admins and Support, never an Owner (lib/members/invitations.ts).
  "members.invite": ["OWNER", "ADMIN"],
  "keys.read": ["OWNER", "ADMIN", "SUPPORT"],
  "keys.manage": ["OWNER", "ADMIN"],
  "keys.delete": ["OWNER"],
  "usage.read": ["OWNER", "ADMIN", "SUPPORT"],
  "audit.read": ["OWNER", "ADMIN", "SUPPORT"],
  "settings.manage": ["OWNER"],
  // Reviewing integrators' access requests: approving creates a key, so the roles that manage keys.
  "requests.review": ["OWNER", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
