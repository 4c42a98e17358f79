import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { checkCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { prepareDemoData } from "@/lib/setup/prepare-database";
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
    for (const workspace of await db.workspace.findMany())
      expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true, throughSeq: 1 });

    // A restart keeps what is there: no second seed, no migration pending.
    await db.membership.updateMany({ where: { user: { email: "admin@acme.test" } }, data: { role: "SUPPORT" } });
    const log: string[] = [];
    await prepareDemoData((line) => log.push(line), { KEYSMITH_MODE: "demo" });
    expect(log).toEqual([]);
    expect(await db.user.count()).toBe(4);
    expect((await db.membership.findFirstOrThrow({ where: { user: { email: "admin@acme.test" } } })).role).toBe("SUPPORT");
  });

  it("in production, warns at every start when SEED_DEMO_DATA=true, and about demo accounts left in the database", async () => {
    for (let start = 0; start < 2; start++) {
      const log: string[] = [];
      await prepareDemoData((line) => log.push(line), { SEED_DEMO_DATA: "true" });
      expect(log).toEqual([expect.stringMatching(/^WARNING: SEED_DEMO_DATA=true in production: demo accounts with a published password/)]);
    }
    const log: string[] = [];
    await prepareDemoData((line) => log.push(line), {});
    expect(log).toEqual([expect.stringMatching(/^WARNING: this database holds demo accounts/)]);
  });
});
