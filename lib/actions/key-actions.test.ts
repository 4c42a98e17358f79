// Key actions against bad input, forged ids and read-only callers: a clear error naming the field,
// nothing written, never a 500.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { actAs } from "@/lib/testing/acting-session";
import { createWorkspace } from "@/lib/testing/factories";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { createKeyAction } from "./create-key";
import { revokeKeyAction } from "./revoke-key";
import { rotateKeyAction } from "./rotate-key";
import { updateKeyAction } from "./update-key";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type CreateInput = Parameters<typeof createKeyAction>[0];
const valid: CreateInput = { name: "Good key", scopes: ["profiles:read"], expiration: "never" };
const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe("createKeyAction", () => {
  it("returns the secret once and stores nothing but its hash", async () => {
    const ws = await createWorkspace();
    await actAs(ws.member("ADMIN"), ws.workspace.id);
    const result = await createKeyAction({ ...valid, name: "  Padded name  " });
    expect(result?.data?.secret).toMatch(/^ksk_/);
    expect(result?.data?.name).toBe("Padded name");
    const stored = JSON.stringify(await db.apiKey.findMany({ where: { workspaceId: ws.workspace.id } }));
    expect(stored).not.toContain(result!.data!.secret);
  });

  it.each([
    ["an empty name", { ...valid, name: "   " }, "name", "Enter a name."],
    ["an oversized name", { ...valid, name: "n".repeat(65) }, "name", "Name has at most 64 characters."],
    ["a 100 kB name", { ...valid, name: "n".repeat(100_000) }, "name", "Name has at most 64 characters."],
    [
      "control characters in the name",
      { ...valid, name: "bad\u0007name" },
      "name",
      "Name cannot contain control characters or invisible formatting characters.",
    ],
    [
      "a newline in the name",
      { ...valid, name: "two\nlines" },
      "name",
      "Name cannot contain control characters or invisible formatting characters.",
    ],
    [
      "a right-to-left override in the description",
      { ...valid, description: "Sync \u202Egnillib" },
      "description",
      "Description cannot contain control characters or invisible formatting characters.",
    ],
    ["zero scopes", { ...valid, scopes: [] }, "scopes", "Choose at least one resource the key may access."],
    ["an unknown resource", { ...valid, scopes: ["wallets:read"] }, "scopes", '"wallets:read" names no resource of the catalog.'],
    ["a level the resource lacks", { ...valid, scopes: ["accounts:write"] }, "scopes", '"accounts:write" Accounts is read-only.'],
    ["duplicate grants", { ...valid, scopes: ["lists:read", "lists:write"] }, "scopes", '"lists:write" grants lists twice.'],
    ["an expiry not offered", { ...valid, expiration: "45" }, "expiration", "Choose when the key expires."],
    [
      "a custom date in the past",
      { ...valid, expiration: "custom", expiresOn: inDays(-2) },
      "expiresOn",
      "The expiry date cannot be in the past.",
    ],
    [
      "a custom date over a year ahead",
      { ...valid, expiration: "custom", expiresOn: inDays(400) },
      "expiresOn",
      "Choose a date at most one year ahead, or Never.",
    ],
    [
      "an impossible day",
      { ...valid, expiration: "custom", expiresOn: "2027-02-30" },
      "expiresOn",
      "Enter a date that exists, as YYYY-MM-DD.",
    ],
    [
      "an impossible month",
      { ...valid, expiration: "custom", expiresOn: "2027-13-01" },
      "expiresOn",
      "Enter a date that exists, as YYYY-MM-DD.",
    ],
    ["a day zero", { ...valid, expiration: "custom", expiresOn: "2027-01-00" }, "expiresOn", "Enter a date that exists, as YYYY-MM-DD."],
    [
      "a date not in YYYY-MM-DD",
      { ...valid, expiration: "custom", expiresOn: "2027-1-5" },
      "expiresOn",
      "Enter a date that exists, as YYYY-MM-DD.",
    ],
    [
      "nonsense as a date",
      { ...valid, expiration: "custom", expiresOn: "tomorrow" },
      "expiresOn",
      "Enter a date that exists, as YYYY-MM-DD.",
    ],
    ["a custom choice without a date", { ...valid, expiration: "custom" }, "expiresOn", "Enter an expiry date."],
  ])("refuses %s, naming the field, and writes nothing", async (_label, input, field, message) => {
    const ws = await createWorkspace();
    await actAs(ws.member("OWNER"), ws.workspace.id);
    const result = await createKeyAction(input as CreateInput);
    expect(result?.validationErrors?.fieldErrors).toMatchObject({ [field]: expect.arrayContaining([message]) });
    expect(result?.serverError).toBeUndefined();
    expect(await db.apiKey.count({ where: { workspaceId: ws.workspace.id } })).toBe(0);
  });

  it.each([
    ["a zero-width space", "acme-A\u200B"],
    ["a right-to-left override", "acme-\u202EA-emca"],
    ["a byte order mark", "ac\uFEFFme"],
    ["a word joiner", "ac\u2060me"],
    ["a soft hyphen", "ac\u00ADme"],
    ["a bidirectional isolate", "\u2066acme\u2069"],
    ["a Hangul filler", "acme\u3164"],
    ["a private-use character", "acme\uE000"],
    ["a line separator", "acme\u2028A"],
  ])("refuses %s in the name, naming the field, and writes nothing", async (_label, name) => {
    const ws = await createWorkspace();
    await actAs(ws.member("OWNER"), ws.workspace.id);
    const result = await createKeyAction({ ...valid, name });
    expect(result?.validationErrors?.fieldErrors).toEqual({
      name: ["Name cannot contain control characters or invisible formatting characters."],
    });
    expect(await db.apiKey.count({ where: { workspaceId: ws.workspace.id } })).toBe(0);
  });

  it("refuses a name an active key already has, as a clear message", async () => {
    const ws = await createWorkspace();
    await actAs(ws.member("OWNER"), ws.workspace.id);
    await createKeyAction(valid);
    const again = await createKeyAction(valid);
    expect(again?.validationErrors?.fieldErrors).toEqual({ name: ['An active key is already named "Good key". Choose another name.'] });
  });

  it.each([
    ["a case variant", "ACME-a"],
    ["full-width letters", "\uFF41\uFF43\uFF4D\uFF45-\uFF21"],
    ["a no-break space and doubled spaces", "acme-A\u00A0 two"],
  ])("refuses %s of a live key's name as the same name", async (_label, name) => {
    const ws = await createWorkspace();
    await actAs(ws.member("OWNER"), ws.workspace.id);
    const base = name.includes("two") ? "acme-A two" : "acme-A";
    await createKeyAction({ ...valid, name: base });
    const again = await createKeyAction({ ...valid, name });
    expect(again?.validationErrors?.fieldErrors).toEqual({ name: [`An active key is already named "${base}". Choose another name.`] });
    expect(await db.apiKey.count({ where: { workspaceId: ws.workspace.id } })).toBe(1);
  });

  it("refuses renaming a key to a look-alike of another live key's name, and allows a change of case to its own", async () => {
    const { key, member, workspace } = await workspaceWithKey({ name: "Billing" });
    await actAs(member("OWNER"), workspace.id);
    const other = await createKeyAction({ ...valid, name: "Shop" });
    const rename = await updateKeyAction({ keyId: other!.data!.keyId, name: "BILLING", scopes: ["profiles:read"] });
    expect(rename?.validationErrors?.fieldErrors).toEqual({ name: ['An active key is already named "Billing". Choose another name.'] });
    const ownCase = await updateKeyAction({ keyId: key.id, name: "billing", scopes: key.scopes });
    expect(ownCase?.data?.keyId).toBe(key.id);
  });
});

describe("changing a key through its actions", () => {
  it("refuses a rotation grace that is not offered", async () => {
    const { key, member, workspace } = await workspaceWithKey();
    await actAs(member("ADMIN"), workspace.id);
    const result = await rotateKeyAction({ keyId: key.id, grace: "30d" } as unknown as Parameters<typeof rotateKeyAction>[0]);
    expect(result?.validationErrors?.fieldErrors).toMatchObject({ grace: ["Choose how long the old key keeps working."] });
    expect(await db.apiKey.count({ where: { workspaceId: workspace.id } })).toBe(1);
  });

  it("lets Support do none of it, even calling the actions directly", async () => {
    const { key, member, workspace } = await workspaceWithKey();
    await actAs(member("SUPPORT"), workspace.id);
    const results = await Promise.all([
      createKeyAction(valid),
      updateKeyAction({ keyId: key.id, name: "x", scopes: ["profiles:write"] }),
      rotateKeyAction({ keyId: key.id, grace: "1h" }),
      revokeKeyAction({ keyId: key.id }),
    ]);
    for (const result of results) expect(result?.serverError).toMatch(/role does not allow/);
    expect(await db.apiKey.findMany({ where: { workspaceId: workspace.id }, select: { name: true, revokedAt: true } })).toEqual([
      { name: key.name, revokedAt: null },
    ]);
  });

  it("answers a forged key id of another workspace as not found", async () => {
    const acme = await workspaceWithKey();
    const globex = await createWorkspace();
    await actAs(globex.member("OWNER"), globex.workspace.id);
    const result = await revokeKeyAction({ keyId: acme.key.id, reason: "pwned" });
    expect(result?.serverError).toBe("That key was not found in this workspace.");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: acme.key.id } })).revokedAt).toBeNull();
  });
});

describe("the IP allow-list through the key actions", () => {
  it("stores the list normalized, records it, and keeps it when an edit leaves it out", async () => {
    const ws = await createWorkspace();
    await actAs(ws.member("ADMIN"), ws.workspace.id);
    const created = await createKeyAction({ ...valid, name: "Listed", ipAllowList: " 203.0.113.0/24\n\n2001:DB8::/32 " });
    const keyId = created!.data!.keyId;
    const row = () => db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { ipAllowList: true } });
    expect(JSON.parse((await row()).ipAllowList)).toEqual(["203.0.113.0/24", "2001:db8::/32"]);
    await updateKeyAction({ keyId, name: "Listed", scopes: ["profiles:read"] });
    expect(JSON.parse((await row()).ipAllowList)).toEqual(["203.0.113.0/24", "2001:db8::/32"]);

    await updateKeyAction({ keyId, name: "Listed", scopes: ["profiles:read"], ipAllowList: "198.51.100.7" });
    expect(JSON.parse((await row()).ipAllowList)).toEqual(["198.51.100.7"]);
    const updated = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws.workspace.id, action: "key.updated" } });
    expect(JSON.parse(updated.metadata)).toMatchObject({
      before: { ipAllowList: ["203.0.113.0/24", "2001:db8::/32"] },
      after: { ipAllowList: ["198.51.100.7"] },
    });
  });

  it.each([
    ["a malformed address", "10.0.0.1\n10.0.0.300", 'Line 2: "10.0.0.300" is not an IPv4 or IPv6 address or CIDR range.'],
    ["a prefix out of range", "2001:db8::/200", 'Line 1: "2001:db8::/200" has a prefix length outside 0-128.'],
    ["an oversized list", "1".repeat(6000), "IP allow-list has at most 5000 characters."],
  ])("refuses %s under the IP allow-list field, and writes nothing", async (_label, ipAllowList, message) => {
    const { key, member, workspace } = await workspaceWithKey();
    await actAs(member("OWNER"), workspace.id);
    const created = await createKeyAction({ ...valid, ipAllowList });
    expect(created?.validationErrors?.fieldErrors).toEqual({ ipAllowList: [message] });
    const updated = await updateKeyAction({ keyId: key.id, name: key.name, scopes: key.scopes, ipAllowList });
    expect(updated?.validationErrors?.fieldErrors).toEqual({ ipAllowList: [message] });
    expect(await db.apiKey.count({ where: { workspaceId: workspace.id } })).toBe(1);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).ipAllowList).toBe("[]");
  });
});

describe("the rate limit through the key actions", () => {
  const limitOf = async (keyId: string) =>
    db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { rateLimitRequests: true, rateLimitPeriod: true } });

  it("stores it, records it, keeps it when an edit leaves it out, audits a change in words, and carries it to a rotation's replacement", async () => {
    const ws = await createWorkspace();
    await actAs(ws.member("ADMIN"), ws.workspace.id);
    const created = await createKeyAction({ ...valid, name: "Limited", rateLimit: { requests: 100, period: "minute" } });
    const keyId = created!.data!.keyId;
    expect(await limitOf(keyId)).toEqual({ rateLimitRequests: 100, rateLimitPeriod: "minute" });
    const creation = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws.workspace.id, action: "key.created" } });
    expect(JSON.parse(creation.metadata).rateLimit).toEqual({ requests: 100, period: "minute" });

    await updateKeyAction({ keyId, name: "Limited", scopes: ["profiles:read"] });
    expect(await limitOf(keyId)).toEqual({ rateLimitRequests: 100, rateLimitPeriod: "minute" });
    expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "key.updated" } })).toBe(0);

    await updateKeyAction({ keyId, name: "Limited", scopes: ["profiles:read"], rateLimit: { requests: 5, period: "second" } });
    expect(await limitOf(keyId)).toEqual({ rateLimitRequests: 5, rateLimitPeriod: "second" });
    const updated = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws.workspace.id, action: "key.updated" } });
    expect(JSON.parse(updated.metadata)).toMatchObject({
      before: { rateLimit: { requests: 100, period: "minute" } },
      after: { rateLimit: { requests: 5, period: "second" } },
    });
    const { describeAuditEvent } = await import("@/lib/audit/describe");
    expect(describeAuditEvent(updated)).toBe("Changed the rate limit of key 'Limited': 100 requests per minute -> 5 requests per second");

    const rotated = await rotateKeyAction({ keyId, grace: "1h" });
    expect(await limitOf(rotated!.data!.keyId)).toEqual({ rateLimitRequests: 5, rateLimitPeriod: "second" });

    await updateKeyAction({ keyId: rotated!.data!.keyId, name: "Limited", scopes: ["profiles:read"], rateLimit: null });
    expect(await limitOf(rotated!.data!.keyId)).toEqual({ rateLimitRequests: null, rateLimitPeriod: null });
  });

  it("gives a key created without one DEFAULT_KEY_RATE_LIMIT, and refuses to read a default that means nothing", async () => {
    const ws = await createWorkspace();
    await actAs(ws.member("ADMIN"), ws.workspace.id);
    vi.stubEnv("DEFAULT_KEY_RATE_LIMIT", "10/second");
    try {
      const defaulted = await createKeyAction({ ...valid, name: "Defaulted" });
      expect(await limitOf(defaulted!.data!.keyId)).toEqual({ rateLimitRequests: 10, rateLimitPeriod: "second" });
      const unlimited = await createKeyAction({ ...valid, name: "Unlimited", rateLimit: null });
      expect(await limitOf(unlimited!.data!.keyId)).toEqual({ rateLimitRequests: null, rateLimitPeriod: null });
    } finally {
      vi.unstubAllEnvs();
    }
    const { defaultKeyRateLimit } = await import("@/lib/rate-limit/default-key-rate-limit");
    for (const nonsense of ["600", "600/hour", "0/minute", "-1/second", "1.5/second", "2000000/minute"])
      expect(() => defaultKeyRateLimit(nonsense), nonsense).toThrow(/^DEFAULT_KEY_RATE_LIMIT must be/);
    expect(defaultKeyRateLimit(undefined)).toBeNull();
    expect(defaultKeyRateLimit("none")).toBeNull();
    expect(defaultKeyRateLimit(" 600/minute ")).toEqual({ requests: 600, period: "minute" });
  });

  it.each([
    ["no requests", { requests: 0, period: "minute" }, "A rate limit allows at least 1 request."],
    ["a fraction", { requests: 1.5, period: "second" }, "Enter the number of requests as a whole number."],
    ["no number", { requests: Number.NaN, period: "second" }, "Enter the number of requests as a whole number."],
    ["too many", { requests: 1_000_001, period: "minute" }, "A rate limit allows at most 1,000,000 requests."],
    ["another period", { requests: 10, period: "hour" }, "Choose per second or per minute."],
  ])("refuses %s under the rate limit field, and writes nothing", async (_label, rateLimit, message) => {
    const { key, member, workspace } = await workspaceWithKey();
    await actAs(member("OWNER"), workspace.id);
    const input = rateLimit as { requests: number; period: "minute" };
    const created = await createKeyAction({ ...valid, rateLimit: input });
    expect(created?.validationErrors?.fieldErrors).toEqual({ rateLimit: [message] });
    const updated = await updateKeyAction({ keyId: key.id, name: key.name, scopes: key.scopes, rateLimit: input });
    expect(updated?.validationErrors?.fieldErrors).toEqual({ rateLimit: [message] });
    expect(await db.apiKey.count({ where: { workspaceId: workspace.id } })).toBe(1);
    expect(await limitOf(key.id)).toEqual({ rateLimitRequests: null, rateLimitPeriod: null });
  });
});
