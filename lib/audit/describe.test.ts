import { describe, expect, it } from "vitest";
import { describeAccessChange, describeAuditEvent } from "./describe";

const event = (action: string, metadata: object, targetLabel: string | null = "Warehouse sync") => ({
  action,
  targetLabel,
  metadata: JSON.stringify(metadata),
});

describe("an audit event in words", () => {
  it("names the access that changed, with the catalog's labels", () => {
    expect(describeAuditEvent(event("key.scopes_changed", { before: ["profiles:read"], after: ["profiles:write"] }))).toBe(
      "Changed access of key 'Warehouse sync': Profiles Read -> Full access",
    );
    expect(describeAccessChange(["lists:write", "profiles:read"], ["profiles:read"])).toBe("Lists Full access -> No access");
  });

  it("summarizes a grant too wide to list in the person's words", () => {
    const wide = ["accounts:read", "lists:read", "profiles:write", "segments:read", "tags:read", "flows:read"];
    expect(describeAuditEvent(event("key.created", { scopes: wide }))).toBe("Created key 'Warehouse sync' with Custom: 6 resources");
  });

  it("says with which access a key was created, and what a rotation left working", () => {
    expect(describeAuditEvent(event("key.created", { scopes: ["profiles:read", "lists:write"] }))).toBe(
      "Created key 'Warehouse sync' with Lists Full access, Profiles Read",
    );
    expect(describeAuditEvent(event("key.rotated", { grace: "24h", oldKeyWorksUntil: "2026-12-04T10:00:00.000Z" }))).toBe(
      "Rotated key 'Warehouse sync': grace 24 hours, the old key works until Dec 4, 2026, 10:00 UTC",
    );
  });

  it("describes role changes, renames and revocations", () => {
    expect(describeAuditEvent(event("member.role_changed", { before: { role: "ADMIN" }, after: { role: "SUPPORT" } }, "a@b.test"))).toBe(
      "Changed the role of a@b.test: Admin -> Support",
    );
    expect(describeAuditEvent(event("key.updated", { before: { name: "Old" }, after: { name: "New" } }))).toBe(
      "Renamed key 'Old' to 'New'",
    );
    expect(describeAuditEvent(event("key.revoked", { reason: "leaked" }))).toBe("Revoked key 'Warehouse sync': leaked");
  });

  it("falls back to the action's label for events it has no sentence for, and survives broken metadata", () => {
    expect(describeAuditEvent({ action: "auth.signed_in", targetLabel: "a@b.test", metadata: "{" })).toBe("Signed in: a@b.test");
    expect(describeAuditEvent({ action: "something.new", targetLabel: null, metadata: "{}" })).toBe("something.new");
  });
});
