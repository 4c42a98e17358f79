import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hoursAgo, recordRequests } from "@/lib/testing/usage-fixtures";
import { keyTimeline } from "./key-timeline";
import { changeApiKeyExpiry, revokeApiKey, rotateApiKey, updateApiKey } from "./lifecycle";

describe("a key's timeline", () => {
  it("tells creation, access changes, rotation and revocation, newest first", async () => {
    const { change, key, owner } = await workspaceWithKey({ name: "Warehouse sync", scopes: ["profiles:read"] });
    await updateApiKey(change, { keyId: key.id, name: key.name, description: "", scopes: ["profiles:write"] });
    const { key: replacement } = await rotateApiKey(change, key.id, "24h");
    await revokeApiKey(change, key.id, "leaked");
    const timeline = await keyTimeline(key.workspaceId, key.id, { withUsage: true });
    expect(timeline.map((entry) => entry.title)).toEqual(["Revoked", "Rotated", "Changed access", "Created"]);
    expect(timeline.map((entry) => entry.detail)).toEqual([
      `by ${owner.email}: leaked`,
      expect.stringMatching(new RegExp(`^by ${owner.email}; grace 24 hours: the old secret keeps working until .+ UTC$`)),
      `Profiles Read -> Full access, by ${owner.email}`,
      `by ${owner.email}, with Profiles Read`,
    ]);
    const replaced = await keyTimeline(key.workspaceId, replacement.id, { withUsage: true });
    expect(replaced.map((entry) => entry.title)).toEqual(["Created as a rotation's replacement"]);
  });

  it("tells the other changes too, each linked to its audit event by action", async () => {
    const { change, key, owner } = await workspaceWithKey({ name: "Billing", scopes: ["profiles:read"] });
    await updateApiKey(change, { keyId: key.id, name: "Billing (prod)", description: "Invoices", scopes: ["profiles:read"] });
    const inTenDays = new Date(Date.now() + 10 * 24 * 3600_000).toISOString().slice(0, 10);
    await changeApiKeyExpiry(change, { keyId: key.id, expiresOn: inTenDays });
    // An action the timeline has no words of its own for is still there, by its audit log name.
    await db.auditEvent.updateMany({ where: { targetId: key.id, action: "key.updated" }, data: { action: "key.deleted" } });
    const timeline = await keyTimeline(key.workspaceId, key.id, { withUsage: true });
    expect(timeline.map((entry) => [entry.title, entry.auditAction])).toEqual([
      ["Expiry changed", "key.expiry_changed"],
      ["Key deleted", "key.deleted"],
      ["Created", "key.created"],
    ]);
    expect(timeline[0]!.detail).toBe(`Never -> ${formatDateTime(new Date(`${inTenDays}T23:59:59.999Z`))}, by ${owner.email}`);
    expect(timeline[1]!.detail).toBe(`by ${owner.email}`);
  });

  it("says which details changed", async () => {
    const { change, key, owner } = await workspaceWithKey({ name: "Billing", scopes: ["profiles:read"] });
    await updateApiKey(change, { keyId: key.id, name: "Billing (prod)", description: "Invoices", scopes: ["profiles:read"] });
    const [changed] = await keyTimeline(key.workspaceId, key.id, { withUsage: false });
    expect(changed).toMatchObject({
      title: "Details changed",
      detail: `name 'Billing' -> 'Billing (prod)', description, by ${owner.email}`,
    });
  });

  it("adds first and last use and the refusals per day and reason, from usage", async () => {
    const { key } = await workspaceWithKey();
    const other = await workspaceWithKey();
    await recordRequests([
      { workspaceId: key.workspaceId, keyId: key.id, at: hoursAgo(50) },
      { workspaceId: key.workspaceId, keyId: key.id, at: hoursAgo(49), decision: "missing_scope" },
      { workspaceId: key.workspaceId, keyId: key.id, at: hoursAgo(49), decision: "missing_scope" },
      { workspaceId: key.workspaceId, keyId: key.id, at: hoursAgo(1), decision: "ip_not_allowed" },
      { workspaceId: other.key.workspaceId, keyId: other.key.id, at: hoursAgo(1), decision: "revoked" },
    ]);
    const timeline = await keyTimeline(key.workspaceId, key.id, { withUsage: true });
    const titles = timeline.map((entry) => entry.title);
    expect(titles).toEqual(
      expect.arrayContaining(["First used", "Last used", "2 denied: Missing scope", "1 denied: IP not allowed", "Created"]),
    );
    expect(titles).not.toContain("1 denied: Revoked key");
    expect(timeline.find((entry) => entry.title === "First used")!.at.getTime()).toBeLessThan(
      timeline.find((entry) => entry.title === "Last used")!.at.getTime(),
    );
    // Without the right to read usage, only the changes.
    expect((await keyTimeline(key.workspaceId, key.id, { withUsage: false })).map((entry) => entry.title)).toEqual(["Created"]);
  });

  it("shows nothing of a key when asked from another workspace", async () => {
    const { key } = await workspaceWithKey();
    const other = await workspaceWithKey();
    await recordRequests([{ workspaceId: key.workspaceId, keyId: key.id, at: hoursAgo(1), decision: "missing_scope" }]);
    expect(await keyTimeline(other.key.workspaceId, key.id, { withUsage: true })).toEqual([]);
  });
});
