import { describe, expect, it } from "vitest";
import { formatTimeLeft } from "./format";

const NOW = new Date("2026-12-03T10:00:00Z");
const fromNow = (ms: number) => new Date(NOW.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("formatTimeLeft", () => {
  it("counts down in minutes within two hours, rounding down", () => {
    expect(formatTimeLeft(fromNow(58 * MINUTE + 59_000), NOW)).toBe("in 58 minutes");
    expect(formatTimeLeft(fromNow(MINUTE), NOW)).toBe("in 1 minute");
    expect(formatTimeLeft(fromNow(119 * MINUTE), NOW)).toBe("in 119 minutes");
    expect(formatTimeLeft(fromNow(30_000), NOW)).toBe("in less than a minute");
  });

  it("counts in hours up to two days", () => {
    expect(formatTimeLeft(fromNow(2 * HOUR), NOW)).toBe("in 2 hours");
    expect(formatTimeLeft(fromNow(47 * HOUR + 59 * MINUTE), NOW)).toBe("in 47 hours");
  });

  it("gives the date beyond two days", () => {
    expect(formatTimeLeft(fromNow(48 * HOUR), NOW)).toBe("on Dec 5, 2026, 10:00 UTC");
    expect(formatTimeLeft(new Date("2027-03-01T23:59:59Z"), NOW)).toBe("on Mar 1, 2027, 23:59 UTC");
  });

  it("says now once the moment has come", () => {
    expect(formatTimeLeft(NOW, NOW)).toBe("now");
    expect(formatTimeLeft(fromNow(-HOUR), NOW)).toBe("now");
  });
});
