import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { checkCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { prepareDatabase } from "@/lib/setup/prepare-database";
import { seedDemoDataIfEmpty } from "./demo-data";

describe("demo data", () => {
  it("seeds Acme and Globex with the documented people and roles, once", async () => {
    expect(await seedDemoDataIfEmpty("a-test-password")).toBe(true);
    const memberships = await db.membership.findMany({
      select: { role: true, user: { select: { email: true } }, workspace: { select: { name: true } } },
    });
    expect(memberships.map((m) => `${m.workspace.name} ${m.user.email} ${m.role}`).sort()).toEqual([
      "Acme admin@acme.test ADMIN",
      "Acme owner@acme.test OWNER",
      "Acme support@acme.test SUPPORT",
      "Globex owner@globex.test OWNER",
    ]);
    expect((await checkCredentials("support@acme.test", "a-test-password", "192.0.2.1")).ok).toBe(true);
    for (const workspace of await db.workspace.findMany()) expect(await verifyAuditChain(workspace.id)).toEqual({ ok: true, events: 1 });

    // A restart keeps what is there: no second seed, no migration pending.
    await db.membership.updateMany({ where: { user: { email: "admin@acme.test" } }, data: { role: "SUPPORT" } });
    const log: string[] = [];
    await prepareDatabase((line) => log.push(line));
    expect(log).toEqual([]);
    expect(await db.user.count()).toBe(4);
    expect((await db.membership.findFirstOrThrow({ where: { user: { email: "admin@acme.test" } } })).role).toBe("SUPPORT");
  });
});
