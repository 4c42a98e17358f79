// Demo data for a new installation, seeded only into an empty database so a restart never touches
// what users changed: two workspaces and four people and, unless DEMO_DATA=accounts, a living product
// (the keys of lib/seed/demo-keys.ts in every state, their history and 30 days of their usage).
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append";
import type { AuditActor } from "@/lib/audit/types";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { DEMO_KEY_PLANS, type SeededTraffic, seedDemoKeys } from "./demo-keys";
import { demoRequests, writeDemoRequests } from "./demo-usage";
import { seededRandom } from "./random";

export const DEMO_PASSWORD_DEFAULT = "keysmith-demo";

export const DEMO_WORKSPACES: {
  name: string;
  slug: string;
  /** Whether /request/<slug> takes access requests: on for Acme, to show the page; off elsewhere. */
  accessRequests: boolean;
  members: { email: string; name: string; role: Role }[];
}[] = [
  {
    name: "Acme",
    slug: "acme",
    accessRequests: true,
    members: [
      { email: "owner@acme.test", name: "Olivia Owner", role: "OWNER" },
      { email: "admin@acme.test", name: "Adam Admin", role: "ADMIN" },
      { email: "support@acme.test", name: "Sam Support", role: "SUPPORT" },
    ],
  },
  { name: "Globex", slug: "globex", accessRequests: false, members: [{ email: "owner@globex.test", name: "Gina Globex", role: "OWNER" }] },
];

export const DEMO_EMAILS = DEMO_WORKSPACES.flatMap((w) => w.members.map((m) => m.email));

/**
 * DEMO_DATA: `full` (the default) seeds the keys, their history and usage too; `accounts` only the
 * workspaces and people, for tests that bring their own keys (playwright.config.ts).
 */
export const demoDataContentsSchema = z.enum(["full", "accounts"], { error: "DEMO_DATA must be full or accounts." });
export type DemoDataContents = z.output<typeof demoDataContentsSchema>;

export function demoDataContents(env: Record<string, string | undefined> = process.env): DemoDataContents {
  return demoDataContentsSchema.parse(env.DEMO_DATA || "full");
}

// One seed for the generator: the same demo on every machine, so screenshots and tests are stable.
const DEMO_RANDOM_SEED = 20261203;
const DAY_MS = 24 * 3600 * 1000;

export type DemoSeedOptions = { password?: string; contents?: DemoDataContents; now?: Date };

/** Seeds when no user exists yet; returns whether it did. */
export async function seedDemoDataIfEmpty(options: DemoSeedOptions = {}): Promise<boolean> {
  const password = options.password ?? (process.env.DEMO_PASSWORD || DEMO_PASSWORD_DEFAULT);
  const contents = options.contents ?? demoDataContents();
  const now = options.now ?? new Date();
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(password);
  const seeded: SeededTraffic[] = [];
  for (const workspace of DEMO_WORKSPACES) {
    const plan = DEMO_KEY_PLANS.find((p) => p.slug === workspace.slug)!;
    const foundedAt = new Date(now.getTime() - plan.foundedDaysAgo * DAY_MS);
    const members = new Map<string, AuditActor>();
    const workspaceId = await db.$transaction(async (tx) => {
      const created = await tx.workspace.create({
        data: { name: workspace.name, slug: workspace.slug, accessRequestsEnabled: workspace.accessRequests, createdAt: foundedAt },
      });
      for (const member of workspace.members) {
        const user = await tx.user.upsert({
          where: { email: member.email },
          create: { email: member.email, name: member.name, passwordHash, createdAt: foundedAt },
          update: {},
        });
        await tx.membership.create({ data: { workspaceId: created.id, userId: user.id, role: member.role } });
        // As the dashboard's actions name a person (lib/actions/safe-action.ts).
        members.set(member.email, { type: "user", id: user.id, label: member.email });
      }
      await appendAuditEvent(tx, {
        workspaceId: created.id,
        actor: { type: "system", label: "Demo data" },
        action: "workspace.created",
        target: { type: "workspace", id: created.id, label: created.name },
        metadata: { members: workspace.members.map((m) => ({ email: m.email, role: m.role })) },
        at: foundedAt,
      });
      return created.id;
    });
    if (contents === "full") seeded.push(...(await seedDemoKeys(workspaceId, plan, members, now)));
  }
  if (seeded.length) await writeDemoRequests(demoRequests(seeded, now, seededRandom(DEMO_RANDOM_SEED)));
  return true;
}
