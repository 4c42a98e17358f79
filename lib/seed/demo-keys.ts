// The demo's keys and their history: created, rotated and revoked through the real lifecycle functions
// (so rows, peppered hashes, rotation chains and audit events are what a person's actions make), replayed
// in order of time at the moments the plan names. Each secret is generated and dropped on the spot:
// nothing here keeps, returns or prints one.

import { createApiKey, revokeApiKey, rotateApiKey } from "@/lib/api-keys/lifecycle";
import type { AuditActor, RequestOrigin } from "@/lib/audit/types";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { createKeySchema, ROTATION_GRACE, type RotationGrace } from "@/lib/validation/keys";

const DAY_MS = 24 * 3600 * 1000;

/** What one integration calls, each call as likely as its weight; `item` calls name one record. */
export type Call = { resource: string; level: "read" | "write"; item?: boolean; weight: number };

export type Traffic = {
  /** Requests on a working weekday; weekends and nights are quieter (lib/seed/demo-usage.ts). */
  perWeekday: number;
  ip: string;
  calls: Call[];
  /** A call the key's scopes do not allow, tried now and then: the 403s /usage groups as refused scopes. */
  refused?: Call & { share: number };
  /** Share of item reads that name a record that is not there (404). */
  notFoundShare?: number;
  /** Share of writes with a body the API refuses (422). */
  badRequestShare?: number;
};

type KeyPlan = {
  name: string;
  description: string;
  scopes: string[];
  expiration: "never" | "30" | "60" | "90";
  createdDaysAgo: number;
  by: string;
  rotated?: { daysAgo: number; grace: RotationGrace; by: string; oldKeyShare: number };
  revoked?: { daysAgo: number; reason: string; by: string };
  /** Absent: the key was never used. */
  traffic?: Traffic;
};

export type WorkspacePlan = { slug: string; foundedDaysAgo: number; keys: KeyPlan[] };

export const DEMO_KEY_PLANS: WorkspacePlan[] = [
  {
    slug: "acme",
    foundedDaysAgo: 100,
    keys: [
      {
        name: "Storefront (read-only)",
        description: "Product pages and reviews on acme.example",
        scopes: ["catalogs:read", "reviews:read", "coupons:read", "images:read"],
        expiration: "never",
        createdDaysAgo: 88,
        by: "owner@acme.test",
        traffic: {
          perWeekday: 650,
          ip: "203.0.113.10",
          calls: [
            { resource: "catalogs", level: "read", weight: 55 },
            { resource: "catalogs", level: "read", item: true, weight: 25 },
            { resource: "reviews", level: "read", weight: 12 },
            { resource: "coupons", level: "read", weight: 5 },
            { resource: "images", level: "read", item: true, weight: 3 },
          ],
          refused: { resource: "reviews", level: "write", weight: 1, share: 0.006 },
          notFoundShare: 0.04,
        },
      },
      {
        name: "Warehouse sync",
        description: "Nightly and hourly stock updates from the warehouse system",
        scopes: ["catalogs:write", "reviews:read"],
        expiration: "never",
        createdDaysAgo: 80,
        by: "admin@acme.test",
        rotated: { daysAgo: 2, grace: "7d", by: "admin@acme.test", oldKeyShare: 0.3 },
        traffic: {
          perWeekday: 380,
          ip: "198.51.100.40",
          calls: [
            { resource: "catalogs", level: "write", weight: 35 },
            { resource: "catalogs", level: "write", item: true, weight: 35 },
            { resource: "catalogs", level: "read", weight: 30 },
          ],
          badRequestShare: 0.012,
        },
      },
      {
        name: "Campaign scheduler",
        description: "Schedules the weekly campaigns from the marketing calendar",
        scopes: ["campaigns:write", "templates:read", "segments:read", "lists:read"],
        expiration: "90",
        createdDaysAgo: 45,
        by: "admin@acme.test",
        traffic: {
          perWeekday: 160,
          ip: "203.0.113.77",
          calls: [
            { resource: "campaigns", level: "write", weight: 30 },
            { resource: "campaigns", level: "read", weight: 30 },
            { resource: "templates", level: "read", item: true, weight: 25 },
            { resource: "segments", level: "read", weight: 15 },
          ],
          notFoundShare: 0.02,
        },
      },
      {
        name: "Zapier export",
        description: "Copies new profiles into the sales spreadsheet",
        scopes: ["profiles:read", "lists:read", "segments:read"],
        expiration: "30",
        createdDaysAgo: 27,
        by: "owner@acme.test",
        traffic: {
          perWeekday: 140,
          ip: "192.0.2.150",
          calls: [
            { resource: "profiles", level: "read", weight: 60 },
            { resource: "lists", level: "read", weight: 25 },
            { resource: "segments", level: "read", weight: 15 },
          ],
          refused: { resource: "profiles", level: "write", weight: 1, share: 0.04 },
        },
      },
      {
        name: "Support inbox",
        description: "Two-way SMS in the help desk",
        scopes: ["conversations:write", "profiles:read"],
        expiration: "never",
        createdDaysAgo: 33,
        by: "owner@acme.test",
        traffic: {
          perWeekday: 70,
          ip: "203.0.113.90",
          calls: [
            { resource: "conversations", level: "read", weight: 50 },
            { resource: "conversations", level: "write", weight: 30 },
            { resource: "profiles", level: "read", item: true, weight: 20 },
          ],
          notFoundShare: 0.03,
        },
      },
      {
        name: "Old CRM import",
        description: "Imported contacts from the previous CRM",
        scopes: ["profiles:write", "lists:write", "subscriptions:write"],
        expiration: "never",
        createdDaysAgo: 70,
        by: "owner@acme.test",
        revoked: { daysAgo: 12, reason: "CRM migration finished; the old importer is switched off.", by: "owner@acme.test" },
        traffic: {
          perWeekday: 220,
          ip: "198.51.100.77",
          calls: [
            { resource: "profiles", level: "write", weight: 60 },
            { resource: "lists", level: "write", item: true, weight: 25 },
            { resource: "subscriptions", level: "write", weight: 15 },
          ],
          badRequestShare: 0.02,
        },
      },
      {
        name: "Q3 analytics",
        description: "Quarterly revenue report for the board",
        scopes: ["metrics:read", "events:read", "campaigns:read"],
        expiration: "90",
        createdDaysAgo: 95,
        by: "admin@acme.test",
        traffic: {
          perWeekday: 90,
          ip: "203.0.113.51",
          calls: [
            { resource: "metrics", level: "read", weight: 60 },
            { resource: "events", level: "read", weight: 30 },
            { resource: "campaigns", level: "read", weight: 10 },
          ],
        },
      },
      {
        name: "Partner onboarding",
        description: "For the agency that sets up our sign-up forms; not live yet",
        scopes: ["profiles:write", "subscriptions:write", "forms:read"],
        expiration: "60",
        createdDaysAgo: 4,
        by: "owner@acme.test",
      },
    ],
  },
  {
    slug: "globex",
    foundedDaysAgo: 40,
    keys: [
      {
        name: "Checkout service",
        description: "Prices and coupon codes at checkout",
        scopes: ["catalogs:read", "coupons:read", "coupon-codes:write"],
        expiration: "never",
        createdDaysAgo: 38,
        by: "owner@globex.test",
        traffic: {
          perWeekday: 260,
          ip: "198.51.100.120",
          calls: [
            { resource: "catalogs", level: "read", item: true, weight: 50 },
            { resource: "coupon-codes", level: "write", weight: 30 },
            { resource: "coupons", level: "read", weight: 20 },
          ],
          notFoundShare: 0.02,
        },
      },
      {
        name: "Newsletter signup",
        description: "The sign-up form on globex.example",
        scopes: ["subscriptions:write", "profiles:write"],
        expiration: "90",
        createdDaysAgo: 30,
        by: "owner@globex.test",
        traffic: {
          perWeekday: 110,
          ip: "203.0.113.200",
          calls: [
            { resource: "subscriptions", level: "write", weight: 60 },
            { resource: "profiles", level: "write", weight: 40 },
          ],
          refused: { resource: "lists", level: "write", weight: 1, share: 0.01 },
          badRequestShare: 0.03,
        },
      },
    ],
  },
];

/** When a seeded key took requests, and what its requests were answered after it stopped working. */
export type KeyWindow = {
  keyId: string;
  from: Date;
  to: Date;
  /** Of the integration's traffic in this window. */
  share: number;
  /** Set for the stragglers after a revocation or expiry: what the API answered them. */
  refusedAs?: "revoked" | "expired";
};

export type SeededTraffic = { workspaceId: string; traffic: Traffic; windows: KeyWindow[] };

// Integrations keep calling a little while after their key stops working, until someone notices.
const STRAGGLER_DAYS = 2;
const STRAGGLER_SHARE = 0.03;

// People make these changes from the dashboard, so their events carry a browser and an address.
const DASHBOARD_ORIGIN: RequestOrigin = {
  ip: "198.51.100.23",
  userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
};

type Step = { at: Date; run: () => Promise<void> };

/**
 * Creates, rotates and revokes the workspace's planned keys in order of time (the audit chain is in
 * that order), acting as the members the plan names. Returns what the usage seed needs per key.
 */
export async function seedDemoKeys(
  workspaceId: string,
  plan: WorkspacePlan,
  members: ReadonlyMap<string, AuditActor>,
  now: Date,
): Promise<SeededTraffic[]> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const change = (email: string) => ({ workspaceId, actor: members.get(email)!, origin: DASHBOARD_ORIGIN });
  const created = new Map<string, { id: string; expiresAt: Date | null }>();
  const replacements = new Map<string, string>();
  const steps: Step[] = [];
  for (const key of plan.keys) {
    const input = createKeySchema(loadedCatalog()).parse({
      name: key.name,
      description: key.description,
      scopes: key.scopes,
      expiration: key.expiration,
    });
    steps.push({
      at: ago(key.createdDaysAgo),
      run: async () => {
        const { key: row } = await createApiKey(change(key.by), input, ago(key.createdDaysAgo));
        created.set(key.name, { id: row.id, expiresAt: row.expiresAt });
      },
    });
    const { rotated, revoked } = key;
    if (rotated)
      steps.push({
        at: ago(rotated.daysAgo),
        run: async () => {
          const { key: replacement } = await rotateApiKey(
            change(rotated.by),
            created.get(key.name)!.id,
            rotated.grace,
            ago(rotated.daysAgo),
          );
          replacements.set(key.name, replacement.id);
        },
      });
    if (revoked)
      steps.push({
        at: ago(revoked.daysAgo),
        run: async () => void (await revokeApiKey(change(revoked.by), created.get(key.name)!.id, revoked.reason, ago(revoked.daysAgo))),
      });
  }
  // Stable: two steps at one moment keep the plan's order.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) await step.run();

  return plan.keys.flatMap((key) => {
    if (!key.traffic) return [];
    const { id, expiresAt } = created.get(key.name)!;
    const from = ago(key.createdDaysAgo);
    const windows: KeyWindow[] = [];
    if (key.rotated) {
      const rotatedAt = ago(key.rotated.daysAgo);
      const graceEnd = new Date(rotatedAt.getTime() + ROTATION_GRACE[key.rotated.grace].seconds * 1000);
      windows.push(
        { keyId: id, from, to: rotatedAt, share: 1 },
        { keyId: id, from: rotatedAt, to: graceEnd, share: key.rotated.oldKeyShare },
        { keyId: replacements.get(key.name)!, from: rotatedAt, to: now, share: 1 - key.rotated.oldKeyShare },
      );
    } else {
      const revokedAt = key.revoked ? ago(key.revoked.daysAgo) : null;
      const end = revokedAt ?? (expiresAt && expiresAt < now ? expiresAt : now);
      windows.push({ keyId: id, from, to: end, share: 1 });
      if (end < now) {
        const refusedAs = revokedAt ? "revoked" : "expired";
        windows.push({ keyId: id, from: end, to: new Date(end.getTime() + STRAGGLER_DAYS * DAY_MS), share: STRAGGLER_SHARE, refusedAs });
      }
    }
    return [{ workspaceId, traffic: key.traffic, windows }];
  });
}
