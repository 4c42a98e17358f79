import { afterEach, describe, expect, it, vi } from "vitest";
import { toKeyView } from "@/lib/api-keys/records";
import { appendAuditEvent } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { checkCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { prepareDemoData } from "@/lib/setup/prepare-database";
import { Prisma } from "@/prisma/generated/sqlite/client";
import { demoDataContents, seedDemoDataIfEmpty } from "./demo-data";
import { DEMO_KEY_PLANS } from "./demo-keys";
import { demoRequests, USAGE_DAYS } from "./demo-usage";
import { seededRandom } from "./random";

const DAY_MS = 24 * 3600 * 1000;
const FULL_KEY = /ksk_[0-9A-Za-z]{36}/;

// Every test starts from an empty database, as the seed requires.
afterEach(async () => {
  await db.apiRequest.deleteMany();
  await db.usageRollup.deleteMany();
  await db.workspace.deleteMany();
  await db.user.deleteMany();
});

async function statusesByName(slug: string, now: Date) {
  const keys = await db.apiKey.findMany({
    where: { workspace: { slug } },
    include: { rotatedFrom: true, rotatedTo: true },
    orderBy: { createdAt: "asc" },
  });
  return keys.map((key) => `${key.name}${key.rotatedTo ? " (old)" : ""}: ${toKeyView(key, now).status}`).sort();
}

describe("demo data", () => {
  it("with DEMO_DATA=accounts, seeds Acme and Globex with the documented people and roles only, once", async () => {
    expect(await seedDemoDataIfEmpty({ password: "a-test-password", contents: "accounts" })).toBe(true);
    const memberships = await db.membership.findMany({
      select: { role: true, user: { select: { email: true } }, workspace: { select: { name: true } } },
    });
    expect(memberships.map((m) => `${m.workspace.name} ${m.user.email} ${m.role}`).sort()).toEqual([
      "Acme admin@acme.test ADMIN",
      "Acme owner@acme.test OWNER",
      "Acme support@acme.test SUPPORT",
      "Globex owner@globex.test OWNER",
    ]);
    expect(await db.apiKey.count()).toBe(0);
    expect(await db.apiRequest.count()).toBe(0);
    expect((await checkCredentials("support@acme.test", "a-test-password", "192.0.2.1")).ok).toBe(true);
    for (const workspace of await db.workspace.findMany())
      expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true, throughSeq: 1 });

    // A restart keeps what is there: no second seed, no migration pending.
    await db.membership.updateMany({ where: { user: { email: "admin@acme.test" } }, data: { role: "SUPPORT" } });
    const log: string[] = [];
    await prepareDemoData((line) => log.push(line), { KEYSMITH_MODE: "demo" });
    expect(log).toEqual([]);
    expect(await db.user.count()).toBe(4);
    expect(await db.apiKey.count()).toBe(0);
    expect((await db.membership.findFirstOrThrow({ where: { user: { email: "admin@acme.test" } } })).role).toBe("SUPPORT");
  });

  it("by default seeds keys in every state, their audit history and 30 days of usage, printing no secret", async () => {
    const now = new Date("2026-12-03T10:30:00.000Z");
    const printed = vi.spyOn(process.stdout, "write");
    const printedErrors = vi.spyOn(process.stderr, "write");
    expect(await seedDemoDataIfEmpty({ password: "a-test-password", now })).toBe(true);

    expect(await statusesByName("acme", now)).toEqual([
      "Campaign scheduler: active",
      "Old CRM import: revoked",
      "Partner onboarding: active",
      "Q3 analytics: expired",
      "Storefront (read-only): active",
      "Support inbox: active",
      "Warehouse sync (old): rotating",
      "Warehouse sync: active",
      "Zapier export: expiring",
    ]);
    expect(await statusesByName("globex", now)).toEqual(["Checkout service: active", "Newsletter signup: active"]);
    const zapier = await db.apiKey.findFirstOrThrow({ where: { name: "Zapier export" } });
    expect(zapier.expiresAt!.getTime() - now.getTime()).toBe(3 * DAY_MS);
    const oldWarehouse = await db.apiKey.findFirstOrThrow({ where: { name: "Warehouse sync", rotatedTo: { isNot: null } } });
    expect(oldWarehouse.expiresAt!.getTime() - now.getTime()).toBe(5 * DAY_MS);

    // Every key is stored as real keys are: peppered hash, display parts, no secret.
    for (const key of await db.apiKey.findMany()) {
      expect(key.hashAlgorithm).not.toBe("sha256");
      expect(key.prefix).toMatch(/^ksk_[0-9A-Za-z]{4}$/);
    }

    // Usage: tens of thousands of requests over the last 30 days, none after now.
    const requests = await db.apiRequest.count();
    expect(requests).toBeGreaterThan(20_000);
    expect(requests).toBeLessThan(100_000);
    const span = await db.apiRequest.aggregate({ _min: { createdAt: true }, _max: { createdAt: true } });
    expect(span._min.createdAt!.getTime()).toBeGreaterThanOrEqual(now.getTime() - (USAGE_DAYS * 24 + 1) * 3600 * 1000);
    expect(span._min.createdAt!.getTime()).toBeLessThan(now.getTime() - (USAGE_DAYS - 1) * DAY_MS);
    expect(span._max.createdAt!.getTime()).toBeLessThan(now.getTime());
    // The rollup counts exactly what the request log holds.
    expect((await db.usageRollup.aggregate({ _sum: { count: true } }))._sum.count).toBe(requests);

    const byDecision = Object.fromEntries(
      (await db.apiRequest.groupBy({ by: ["decision", "status"], _count: { _all: true } })).map((g) => [
        `${g.decision} ${g.status}`,
        g._count._all,
      ]),
    );
    expect(byDecision["allowed 200"]).toBeGreaterThan(requests / 2);
    for (const refusal of ["missing_scope 403", "revoked 401", "expired 401", "bad_request 422", "not_found 404"])
      expect(byDecision[refusal], refusal).toBeGreaterThan(0);
    expect(byDecision["missing_scope 403"]! + byDecision["revoked 401"]! + byDecision["expired 401"]!).toBeLessThan(requests * 0.05);
    // The refused scope is one the key lacks, so /usage can offer to grant it.
    const refusedScopes = await db.apiRequest.groupBy({ by: ["keyId", "requiredScope"], where: { decision: "missing_scope" } });
    for (const refused of refusedScopes) {
      const key = await db.apiKey.findUniqueOrThrow({ where: { id: refused.keyId! } });
      expect(JSON.parse(key.scopes)).not.toContain(refused.requiredScope);
    }
    expect(refusedScopes.map((r) => r.requiredScope)).toContain("profiles:write");

    // Weekday afternoons are busy, nights and weekends quiet.
    const hours = await db.usageRollup.findMany({ select: { hour: true, count: true } });
    const perHour = (match: (hour: Date) => boolean) => {
      const chosen = hours.filter((h) => match(h.hour));
      const distinct = new Set(chosen.map((h) => h.hour.getTime())).size;
      return chosen.reduce((sum, h) => sum + h.count, 0) / distinct;
    };
    const weekday = (hour: Date) => hour.getUTCDay() >= 1 && hour.getUTCDay() <= 5;
    expect(perHour((h) => weekday(h) && h.getUTCHours() === 14)).toBeGreaterThan(3 * perHour((h) => weekday(h) && h.getUTCHours() === 2));
    expect(perHour((h) => weekday(h) && h.getUTCHours() === 14)).toBeGreaterThan(2 * perHour((h) => !weekday(h) && h.getUTCHours() === 14));

    // Last use matches the request log; the key created for later was never used.
    for (const key of await db.apiKey.findMany()) {
      const last = await db.apiRequest.findFirst({
        where: { keyId: key.id, decision: { notIn: ["revoked", "expired"] } },
        orderBy: { createdAt: "desc" },
      });
      expect(key.lastUsedAt?.getTime(), key.name).toBe(last?.createdAt.getTime());
      expect(key.lastUsedIp, key.name).toBe(last?.ip ?? null);
    }
    expect((await db.apiKey.findFirstOrThrow({ where: { name: "Partner onboarding" } })).lastUsedAt).toBeNull();

    // The history: every change audited in order of time, the chain intact.
    for (const workspace of await db.workspace.findMany()) {
      const events = await db.auditEvent.findMany({ where: { workspaceId: workspace.id }, orderBy: { seq: "asc" } });
      expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true, throughSeq: events.length });
      const times = events.map((e) => e.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)).toBeLessThanOrEqual(now.getTime());
      const plan = DEMO_KEY_PLANS.find((p) => p.slug === workspace.slug)!;
      expect(times[0]).toBe(now.getTime() - plan.foundedDaysAgo * DAY_MS);
      const actions = events.map((e) => e.action);
      if (workspace.slug === "acme") {
        expect(actions.filter((a) => a === "key.created")).toHaveLength(9);
        expect(actions.filter((a) => a === "key.rotated")).toHaveLength(1);
        expect(actions.filter((a) => a === "key.revoked")).toHaveLength(1);
        expect(events.filter((e) => e.actorType === "user").every((e) => e.ip && e.userAgent)).toBe(true);
      } else expect(actions).toEqual(["workspace.created", "key.created", "key.created"]);
    }

    // No secret anywhere: in any table, or in anything written to the console.
    for (const model of Object.values(Prisma.ModelName)) {
      const delegate = (db as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[model[0]!.toLowerCase() + model.slice(1)]!;
      expect(JSON.stringify(await delegate.findMany()), model).not.toMatch(FULL_KEY);
    }
    for (const call of [...printed.mock.calls, ...printedErrors.mock.calls]) expect(String(call[0])).not.toMatch(FULL_KEY);

    // Only ever into an empty database.
    expect(await seedDemoDataIfEmpty({ password: "a-test-password", now })).toBe(false);
    expect(await db.apiRequest.count()).toBe(requests);
    expect(await db.apiKey.count()).toBe(11);
  }, 120_000);

  it("comes out the same every time for the same moment", () => {
    const now = new Date("2026-12-03T10:30:00.000Z");
    const windows = [{ keyId: "k", from: new Date(now.getTime() - 40 * DAY_MS), to: now, share: 1 }];
    const seeded = [{ workspaceId: "w", traffic: DEMO_KEY_PLANS[0]!.keys[0]!.traffic!, windows }];
    const first = demoRequests(seeded, now, seededRandom(7));
    expect(first.length).toBeGreaterThan(10_000);
    expect(demoRequests(seeded, now, seededRandom(7))).toEqual(first);
  });

  it("replays history only forward: an audit event dated before the workspace's latest is refused, and nothing is written", async () => {
    const now = new Date("2026-12-03T10:30:00.000Z");
    await seedDemoDataIfEmpty({ password: "a-test-password", contents: "accounts", now });
    const acme = await db.workspace.findUniqueOrThrow({ where: { slug: "acme" } });
    const append = (at: Date) =>
      db.$transaction((tx) =>
        appendAuditEvent(tx, {
          workspaceId: acme.id,
          actor: { type: "system", label: "Demo data" },
          action: "workspace.settings_changed",
          target: { type: "workspace", id: acme.id, label: "Acme" },
          at,
        }),
      );
    await expect(append(new Date(now.getTime() - 200 * DAY_MS))).rejects.toThrow(/would precede event 1/);
    expect(await verifyAuditChain(acme.id)).toMatchObject({ ok: true, throughSeq: 1 });
    await append(new Date(now.getTime() - DAY_MS));
    expect(await verifyAuditChain(acme.id)).toMatchObject({ ok: true, throughSeq: 2 });
  });

  it("takes DEMO_DATA as full or accounts, and refuses anything else", () => {
    expect(demoDataContents({})).toBe("full");
    expect(demoDataContents({ DEMO_DATA: "accounts" })).toBe("accounts");
    expect(() => demoDataContents({ DEMO_DATA: "some" })).toThrow(/DEMO_DATA must be full or accounts/);
  });

  it("in production, warns at every start when SEED_DEMO_DATA=true, and about demo accounts left in the database", async () => {
    for (let start = 0; start < 2; start++) {
      const log: string[] = [];
      await prepareDemoData((line) => log.push(line), { SEED_DEMO_DATA: "true", DEMO_DATA: "accounts" });
      expect(log).toEqual([
        ...(start === 0 ? [expect.stringMatching(/^demo data seeded in \d+\.\d s \(password from DEMO_PASSWORD or keysmith-demo\)$/)] : []),
        expect.stringMatching(/^WARNING: SEED_DEMO_DATA=true in production: demo accounts with a published password/),
      ]);
    }
    const log: string[] = [];
    await prepareDemoData((line) => log.push(line), {});
    expect(log).toEqual([expect.stringMatching(/^WARNING: this database holds demo accounts/)]);
  });
});
