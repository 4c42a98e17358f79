import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "./csv";

describe("CSV (RFC 4180)", () => {
  it("quotes fields with commas, quotes or line breaks and doubles the quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvRecord(["x", null, 3, true])).toBe("x,,3,true\r\n");
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    for (const formula of ['=HYPERLINK("http://evil.test")', "+1+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd"]) {
      expect(csvField(formula).replace(/^"/, "").startsWith("'")).toBe(true);
    }
    // Numbers are numbers, not text: a negative latency stays a number.
    expect(csvField(-2)).toBe("-2");
  });

  it("writes dates as ISO timestamps", () => {
    expect(csvField(new Date("2026-12-03T10:00:00.000Z"))).toBe("2026-12-03T10:00:00.000Z");
  });
});
