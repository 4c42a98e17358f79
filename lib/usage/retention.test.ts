import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hoursAgo, recordRequests } from "@/lib/testing/usage-fixtures";
import { usageRecorder } from "./recorder";
import { DEFAULT_RETENTION_DAYS, pruneBefore } from "./retention";

const DAY = 24;
const NOW = new Date("2026-11-20T12:00:00.000Z");
const daysBefore = (date: Date) => (NOW.getTime() - date.getTime()) / (24 * 3600 * 1000);

describe("usage retention", () => {
  it("keeps request rows for USAGE_RETENTION_DAYS (90 by default) and the hourly rollup for 13 months", () => {
    expect(daysBefore(pruneBefore(NOW, undefined).requests)).toBe(DEFAULT_RETENTION_DAYS);
    expect(daysBefore(pruneBefore(NOW, "30").requests)).toBe(30);
    expect(daysBefore(pruneBefore(NOW, "30").rollup)).toBe(400);
    expect(daysBefore(pruneBefore(NOW, "1000").rollup)).toBe(1000);
    for (const nonsense of ["", "ninety", "-5", "0", "2.5", "99999"]) {
      expect(daysBefore(pruneBefore(NOW, nonsense).requests)).toBe(DEFAULT_RETENTION_DAYS);
    }
  });

  it("deletes request rows and rollup hours past their retention, in chunks, and nothing newer", async () => {
    const { workspace, key } = await workspaceWithKey();
    const at = (hours: number) => ({ workspaceId: workspace.id, keyId: key.id, at: hoursAgo(hours, NOW) });
    await recordRequests([
      // More than one chunk of old rows.
      ...Array.from({ length: 5100 }, () => at(100 * DAY)),
      at(500 * DAY),
      at(10 * DAY),
      at(1),
    ]);
    expect(await usageRecorder.prune(NOW)).toBe(5101);
    const left = await db.apiRequest.findMany({ where: { workspaceId: workspace.id }, select: { createdAt: true } });
    expect(left.map((row) => Math.round(daysBefore(row.createdAt))).sort((a, b) => a - b)).toEqual([0, 10]);
    // The rollup keeps the 100-day-old hour (the charts' history), not the 500-day-old one.
    const hours = await db.usageRollup.findMany({ where: { workspaceId: workspace.id }, select: { hour: true, count: true } });
    expect(hours.map((h) => [Math.round(daysBefore(h.hour)), h.count]).sort((a, b) => a[0]! - b[0]!)).toEqual([
      [0, 1],
      [10, 1],
      [100, 5100],
    ]);
    expect(await usageRecorder.prune(NOW)).toBe(0);
  });
});
