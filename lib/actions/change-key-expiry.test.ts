// Changing a key's expiry after creation: earlier freely, later within the policy's year, only for a
// live key, only by Owners and Admins of its workspace, audited in the same transaction.
import { describe, expect, it, vi } from "vitest";
import { revokeApiKey, rotateApiKey } from "@/lib/api-keys/lifecycle";
import { getApiKey } from "@/lib/api-keys/queries";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { db } from "@/lib/db";
import { actAs, actSignedOut } from "@/lib/testing/acting-session";
import { createWorkspace } from "@/lib/testing/factories";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { endOfUtcDay, utcDate } from "@/lib/validation/keys";
import { changeKeyExpiryAction } from "./change-key-expiry";
import { NOT_ALLOWED_MESSAGE, SIGNED_OUT_MESSAGE } from "./safe-action";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => utcDate(new Date(Date.now() + days * DAY));

const expiryEvents = (workspaceId: string) =>
  db.auditEvent.findMany({ where: { workspaceId, action: "key.expiry_changed" }, orderBy: { seq: "asc" } });

/** The key's row as the refusals must leave it. */
const stored = (keyId: string) =>
  db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { expiresAt: true, expirationPolicy: true } });

describe("changeKeyExpiryAction", () => {
  it("lets an Owner shorten a key, fixing its policy to the date, with one audit event", async () => {
    const { key, member, workspace } = await workspaceWithKey({ expiration: "90" });
    await actAs(member("OWNER"), workspace.id);
    const result = await changeKeyExpiryAction({ keyId: key.id, expiresOn: inDays(5) });
    expect(result?.data).toEqual({ keyId: key.id, expiresAt: endOfUtcDay(inDays(5)).toISOString() });
    expect(await stored(key.id)).toEqual({ expiresAt: endOfUtcDay(inDays(5)), expirationPolicy: "custom" });
    expect((await getApiKey(workspace.id, key.id))?.status).toBe("expiring");
    const [event, ...more] = await expiryEvents(workspace.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ targetId: key.id, actorId: member("OWNER").userId });
    expect(JSON.parse(event!.metadata)).toEqual({
      key: key.masked,
      before: key.expiresAt!.toISOString(),
      after: endOfUtcDay(inDays(5)).toISOString(),
    });
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true });
  });

  it("lets an Admin lengthen a key up to one year from today", async () => {
    const { key, member, workspace } = await workspaceWithKey({ expiration: "30" });
    await actAs(member("ADMIN"), workspace.id);
    const result = await changeKeyExpiryAction({ keyId: key.id, expiresOn: inDays(365) });
    expect(result?.serverError).toBeUndefined();
    expect((await stored(key.id)).expiresAt).toEqual(endOfUtcDay(inDays(365)));
  });

  it("refuses lengthening beyond one year, and a first expiry beyond it for a key that never expired", async () => {
    for (const expiration of ["30", "never"] as const) {
      const { key, member, workspace } = await workspaceWithKey({ expiration });
      await actAs(member("OWNER"), workspace.id);
      const before = await stored(key.id);
      const result = await changeKeyExpiryAction({ keyId: key.id, expiresOn: inDays(367) });
      expect(result?.serverError).toBe("A key can expire at most one year from today. Choose an earlier date.");
      expect(await stored(key.id)).toEqual(before);
      expect(await expiryEvents(workspace.id)).toEqual([]);
    }
  });

  it("lets a never-expiring key get an expiry within the year", async () => {
    const { key, member, workspace } = await workspaceWithKey({ expiration: "never" });
    await actAs(member("OWNER"), workspace.id);
    await changeKeyExpiryAction({ keyId: key.id, expiresOn: inDays(200) });
    expect((await stored(key.id)).expiresAt).toEqual(endOfUtcDay(inDays(200)));
  });

  it("shortens freely, even to a date still beyond the policy's year", async () => {
    const { key, member, workspace } = await workspaceWithKey({ expiration: "never" });
    // A key from before the one-year policy, ending in two years.
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() + 730 * DAY) } });
    await actAs(member("ADMIN"), workspace.id);
    const result = await changeKeyExpiryAction({ keyId: key.id, expiresOn: inDays(500) });
    expect(result?.serverError).toBeUndefined();
    expect((await stored(key.id)).expiresAt).toEqual(endOfUtcDay(inDays(500)));
  });

  it("writes nothing when the date is the one the key already has", async () => {
    const { key, member, workspace } = await workspaceWithKey({ expiration: "custom", expiresOn: inDays(40) });
    await actAs(member("OWNER"), workspace.id);
    expect((await changeKeyExpiryAction({ keyId: key.id, expiresOn: inDays(40) }))?.serverError).toBeUndefined();
    expect(await expiryEvents(workspace.id)).toEqual([]);
  });

  it.each([
    ["a past date", () => inDays(-1), "The expiry date cannot be in the past."],
    ["a day that does not exist", () => "2027-02-30", "Enter a date that exists, as YYYY-MM-DD."],
    ["text that is no date", () => "next week", "Enter a date that exists, as YYYY-MM-DD."],
  ])("refuses %s, naming the field", async (_, expiresOn, message) => {
    const { key, member, workspace } = await workspaceWithKey({ expiration: "30" });
    await actAs(member("OWNER"), workspace.id);
    const before = await stored(key.id);
    const result = await changeKeyExpiryAction({ keyId: key.id, expiresOn: expiresOn() });
    expect(result?.validationErrors?.fieldErrors?.expiresOn).toEqual([message]);
    expect(await stored(key.id)).toEqual(before);
  });

  it.each([
    ["in its grace period", "This key is in its grace period after a rotation and ends as planned. Revoke it to stop it sooner."],
    ["rotated", "This key was rotated. Change the expiry of its replacement instead."],
    ["expired", "This key has expired; create a new key instead."],
    ["revoked", "This key is revoked; its expiry no longer applies."],
  ])("refuses a key %s and changes nothing", async (state, message) => {
    const { key, member, workspace, change } = await workspaceWithKey({ expiration: "30" });
    if (state === "in its grace period") await rotateApiKey(change, key.id, "24h");
    if (state === "rotated") await rotateApiKey(change, key.id, "immediately");
    if (state === "expired") await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - DAY) } });
    if (state === "revoked") await revokeApiKey(change, key.id, "");
    await actAs(member("OWNER"), workspace.id);
    const before = await stored(key.id);
    const result = await changeKeyExpiryAction({ keyId: key.id, expiresOn: inDays(3) });
    expect(result?.serverError).toBe(message);
    expect(await stored(key.id)).toEqual(before);
    expect(await expiryEvents(workspace.id)).toEqual([]);
  });

  it("brings forward the end of a predecessor in grace that would outlive its replacement", async () => {
    const { key: old, member, workspace, change } = await workspaceWithKey({ expiration: "30" });
    const { key: replacement } = await rotateApiKey(change, old.id, "7d");
    await actAs(member("OWNER"), workspace.id);
    const today = utcDate(new Date());
    await changeKeyExpiryAction({ keyId: replacement.id, expiresOn: today });
    expect((await stored(old.id)).expiresAt).toEqual(endOfUtcDay(today));
    const events = await expiryEvents(workspace.id);
    expect(events.map((event) => event.targetId)).toEqual([replacement.id, old.id]);
    expect(JSON.parse(events[1]!.metadata)).toMatchObject({ reason: "shortened with its replacement" });
  });

  it("lets Support not change it, even calling the action directly", async () => {
    const { key, member, workspace } = await workspaceWithKey({ expiration: "30" });
    await actAs(member("SUPPORT"), workspace.id);
    const before = await stored(key.id);
    expect((await changeKeyExpiryAction({ keyId: key.id, expiresOn: inDays(3) }))?.serverError).toBe(NOT_ALLOWED_MESSAGE);
    expect(await stored(key.id)).toEqual(before);
  });

  it("refuses a caller who is signed out", async () => {
    const { key } = await workspaceWithKey({ expiration: "30" });
    actSignedOut();
    const before = await stored(key.id);
    expect((await changeKeyExpiryAction({ keyId: key.id, expiresOn: inDays(3) }))?.serverError).toBe(SIGNED_OUT_MESSAGE);
    expect(await stored(key.id)).toEqual(before);
  });

  it("answers another workspace's key as not found and leaves it alone", async () => {
    const acme = await workspaceWithKey({ expiration: "30" });
    const globex = await createWorkspace();
    await actAs(globex.member("OWNER"), globex.workspace.id);
    const before = await stored(acme.key.id);
    const result = await changeKeyExpiryAction({ keyId: acme.key.id, expiresOn: inDays(3) });
    expect(result?.serverError).toBe("That key was not found in this workspace.");
    expect(await stored(acme.key.id)).toEqual(before);
    expect(await expiryEvents(acme.workspace.id)).toEqual([]);
  });
});
