// Demo data for a new installation: two workspaces and four people, seeded only into an empty
// database so a restart never touches what users changed.
import { appendAuditEvent } from "@/lib/audit/append";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";

export const DEMO_PASSWORD_DEFAULT = "keysmith-demo";

export const DEMO_WORKSPACES: { name: string; slug: string; members: { email: string; name: string; role: Role }[] }[] = [
  {
    name: "Acme",
    slug: "acme",
    members: [
      { email: "owner@acme.test", name: "Olivia Owner", role: "OWNER" },
      { email: "admin@acme.test", name: "Adam Admin", role: "ADMIN" },
      { email: "support@acme.test", name: "Sam Support", role: "SUPPORT" },
    ],
  },
  { name: "Globex", slug: "globex", members: [{ email: "owner@globex.test", name: "Gina Globex", role: "OWNER" }] },
];

export const DEMO_EMAILS = DEMO_WORKSPACES.flatMap((w) => w.members.map((m) => m.email));

/** Seeds when no user exists yet; returns whether it did. */
export async function seedDemoDataIfEmpty(password = process.env.DEMO_PASSWORD || DEMO_PASSWORD_DEFAULT): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(password);
  for (const workspace of DEMO_WORKSPACES) {
    await db.$transaction(async (tx) => {
      const created = await tx.workspace.create({ data: { name: workspace.name, slug: workspace.slug } });
      for (const member of workspace.members) {
        const user = await tx.user.upsert({
          where: { email: member.email },
          create: { email: member.email, name: member.name, passwordHash },
          update: {},
        });
        await tx.membership.create({ data: { workspaceId: created.id, userId: user.id, role: member.role } });
      }
      await appendAuditEvent(tx, {
        workspaceId: created.id,
        actor: { type: "system", label: "Demo data" },
        action: "workspace.created",
        target: { type: "workspace", id: created.id, label: created.name },
        metadata: { members: workspace.members.map((m) => ({ email: m.email, role: m.role })) },
      });
    });
  }
  return true;
}
