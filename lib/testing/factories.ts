// Builders for test data on the real database. Each call makes unique names, so tests in one file
// never collide.
import { randomBytes } from "node:crypto";
import type { AuditActor } from "@/lib/audit/types";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { MemberChange } from "@/lib/members/members";

// A fixed, cheap hash: these users never sign in through argon2 (lib/auth tests make their own).
const UNUSABLE_PASSWORD_HASH = "test-user-cannot-sign-in";

const unique = () => randomBytes(4).toString("hex");

export type TestMember = { userId: string; membershipId: string; email: string; role: Role };

export async function createUser(name = "Test User", passwordHash = UNUSABLE_PASSWORD_HASH) {
  return db.user.create({ data: { email: `user-${unique()}@example.test`, name, passwordHash } });
}

export async function addMember(workspaceId: string, role: Role, userId?: string): Promise<TestMember> {
  const user = userId ? await db.user.findUniqueOrThrow({ where: { id: userId } }) : await createUser(`${role} ${unique()}`);
  const membership = await db.membership.create({ data: { workspaceId, userId: user.id, role } });
  return { userId: user.id, membershipId: membership.id, email: user.email, role };
}

/** A workspace with one member per role given (default: one Owner, one Admin, one Support). */
export async function createWorkspace(roles: Role[] = ["OWNER", "ADMIN", "SUPPORT"]) {
  const suffix = unique();
  const workspace = await db.workspace.create({ data: { name: `Workspace ${suffix}`, slug: `ws-${suffix}` } });
  const members: TestMember[] = [];
  for (const role of roles) members.push(await addMember(workspace.id, role));
  const member = (role: Role) => {
    const found = members.find((m) => m.role === role);
    if (!found) throw new Error(`no ${role} in this test workspace`);
    return found;
  };
  return { workspace, members, member };
}

export function userActor(member: TestMember): AuditActor {
  return { type: "user", id: member.userId, label: member.email };
}

export function changeBy(workspaceId: string, member: TestMember): MemberChange {
  return { workspaceId, actor: userActor(member), origin: { ip: "192.0.2.10", userAgent: "vitest" } };
}
