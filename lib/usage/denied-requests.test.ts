import { describe, expect, it } from "vitest";
import { createApiKey, deleteApiKey, revokeApiKey, rotateApiKey } from "@/lib/api-keys/lifecycle";
import { keyInput, workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hoursAgo, recordRequests } from "@/lib/testing/usage-fixtures";
import { deniedRequests } from "./denied-requests";

const NOW = new Date("2026-11-20T12:30:00.000Z");

describe("deniedRequests", () => {
  it("groups refusals by key and reason, sets a missing scope beside what the key has, for this workspace only", async () => {
    const { workspace, key, change } = await workspaceWithKey({ name: "Partner sync", scopes: ["lists:read", "profiles:read"] });
    const revoked = (await createApiKey(change, keyInput({ name: "Old import" }))).key;
    await revokeApiKey(change, revoked.id, "Leaked");
    const globex = await workspaceWithKey();
    await recordRequests([
      ...Array.from({ length: 3 }, () => ({
        workspaceId: workspace.id,
        keyId: key.id,
        decision: "missing_scope" as const,
        resource: "lists",
        level: "write" as const,
        at: hoursAgo(2, NOW),
      })),
      { workspaceId: workspace.id, keyId: key.id, decision: "missing_scope", resource: "tags", at: hoursAgo(3, NOW) },
      { workspaceId: workspace.id, keyId: key.id, decision: "allowed", at: hoursAgo(1, NOW) },
      // A revoked key is refused whatever it asks for: one group, not one per scope.
      { workspaceId: workspace.id, keyId: revoked.id, decision: "revoked", resource: "lists", at: hoursAgo(1, NOW) },
      { workspaceId: workspace.id, keyId: revoked.id, decision: "revoked", resource: "tags", at: hoursAgo(1, NOW) },
      // Outside the day, and another workspace's.
      { workspaceId: workspace.id, keyId: key.id, decision: "missing_scope", resource: "tags", at: hoursAgo(30, NOW) },
      { workspaceId: globex.workspace.id, keyId: globex.key.id, decision: "missing_scope", at: hoursAgo(1, NOW) },
    ]);

    const groups = await deniedRequests(workspace.id, "24h", NOW);
    expect(groups).toEqual([
      expect.objectContaining({
        keyId: key.id,
        name: "Partner sync",
        reason: "Missing scope",
        requests: 3,
        missing: { scope: "lists:write", resource: "lists", label: "Lists", has: "read" },
        editable: true,
      }),
      expect.objectContaining({
        keyId: revoked.id,
        name: "Old import",
        reason: "Revoked key",
        requests: 2,
        missing: null,
        editable: false,
      }),
      expect.objectContaining({ keyId: key.id, requests: 1, missing: expect.objectContaining({ scope: "tags:read", has: "none" }) }),
    ]);
    expect((await deniedRequests(workspace.id, "7d", NOW)).reduce((n, g) => n + g.requests, 0)).toBe(7);
  });

  it("names a deleted key and offers no grant for a key that cannot be edited", async () => {
    const { workspace, key, change } = await workspaceWithKey({ name: "Gone soon", scopes: ["lists:read"] });
    const rotating = await workspaceWithKey({ name: "Rotating", scopes: ["lists:read"] });
    await recordRequests([
      { workspaceId: workspace.id, keyId: key.id, decision: "missing_scope", resource: "tags", at: hoursAgo(1, NOW) },
      { workspaceId: rotating.workspace.id, keyId: rotating.key.id, decision: "missing_scope", resource: "tags", at: hoursAgo(1, NOW) },
    ]);
    await revokeApiKey(change, key.id, "Done");
    await deleteApiKey(change, key.id);
    expect(await deniedRequests(workspace.id, "24h", NOW)).toEqual([
      expect.objectContaining({ name: "Gone soon", deleted: true, editable: false }),
    ]);
    await rotateApiKey(rotating.change, rotating.key.id, "7d");
    expect(await deniedRequests(rotating.workspace.id, "24h", NOW)).toEqual([
      expect.objectContaining({ name: "Rotating", editable: false, missing: expect.objectContaining({ has: "none" }) }),
    ]);
  });
});
