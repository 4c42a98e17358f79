import { describe, expect, it } from "vitest";
import { allows, KEY_STATUSES, type KeyStatus, keyState, keyStatus } from "./status";

const NOW = new Date("2026-12-03T10:00:00Z");
const fromNow = (ms: number) => new Date(NOW.getTime() + ms);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const successor = { id: "c0000000000000000000next", prefix: "ks_live_ab12", last4: "9f3e" };

function stateOf(fields: { revokedAt?: Date; expiresAt?: Date; replaced?: boolean }) {
  const rotatedTo = fields.replaced ? successor : null;
  const status = keyStatus(
    { revokedAt: fields.revokedAt ?? null, expiresAt: fields.expiresAt ?? null, replacedById: rotatedTo?.id ?? null },
    NOW,
  );
  return keyState({ status, expiresAt: fields.expiresAt ?? null, revokedAt: fields.revokedAt ?? null, rotatedTo }, NOW);
}

describe("keyState", () => {
  it("an active key says when it expires, as a date while that is far", () => {
    expect(stateOf({ expiresAt: fromNow(60 * DAY) })).toMatchObject({
      status: "active",
      label: "Active",
      timeline: "Expires on Feb 1, 2027, 10:00 UTC",
      replacedBy: null,
    });
    expect(stateOf({}).timeline).toBe("Never expires");
  });

  it("a key expiring soon counts down once the end is near", () => {
    expect(stateOf({ expiresAt: fromNow(5 * HOUR) })).toMatchObject({
      status: "expiring",
      label: "Expiring soon",
      timeline: "Expires in 5 hours",
    });
  });

  it("the old key of a rotation is in grace, ends in minutes, and names its successor", () => {
    const state = stateOf({ expiresAt: fromNow(58 * 60_000 + 30_000), replaced: true });
    expect(state).toMatchObject({ status: "rotating", label: "In grace", timeline: "Ends in 58 minutes" });
    expect(state.replacedBy).toEqual({ id: successor.id, masked: "ks_live_ab12…9f3e" });
    expect(state.actions).toEqual(["revoke"]);
  });

  it("a key rotated immediately, or whose grace ended, is Rotated, not Expired, and cannot be revoked", () => {
    const state = stateOf({ expiresAt: NOW, replaced: true });
    expect(state).toMatchObject({ status: "rotated", label: "Rotated", timeline: "Ended Dec 3, 2026, 10:00 UTC" });
    expect(state.replacedBy?.id).toBe(successor.id);
    expect(state.actions).toEqual(["delete"]);
  });

  it("a key past its expiry with no successor is Expired", () => {
    expect(stateOf({ expiresAt: fromNow(-DAY) })).toMatchObject({
      status: "expired",
      timeline: "Expired Dec 2, 2026, 10:00 UTC",
      replacedBy: null,
    });
  });

  it("a revoked key shows when it was revoked, never its expiry, and no successor", () => {
    const state = stateOf({ revokedAt: fromNow(-HOUR), expiresAt: fromNow(60 * DAY), replaced: true });
    expect(state).toMatchObject({ status: "revoked", label: "Revoked", timeline: "Revoked Dec 3, 2026, 09:00 UTC", replacedBy: null });
    expect(state.timeline).not.toContain("Expires");
  });

  it("offers each action only where it makes sense", () => {
    const table = Object.fromEntries(
      KEY_STATUSES.map((status: KeyStatus) => [
        status,
        (["edit", "rotate", "change-expiry", "revoke", "delete"] as const).filter((a) => allows(status, a)),
      ]),
    );
    expect(table).toEqual({
      active: ["edit", "rotate", "change-expiry", "revoke"],
      expiring: ["edit", "rotate", "change-expiry", "revoke"],
      rotating: ["revoke"],
      rotated: ["delete"],
      expired: ["delete"],
      revoked: ["delete"],
    });
  });
});
