import { describe, expect, it } from "vitest";
import { routerStateIsReadable } from "./router-state";

const validState = encodeURIComponent(JSON.stringify(["", { children: ["keys", { children: ["__PAGE__", {}] }] }]));

describe("routerStateIsReadable", () => {
  it("accepts no header and a state the client router sends", () => {
    expect(routerStateIsReadable(undefined)).toBe(true);
    expect(routerStateIsReadable(validState)).toBe(true);
  });

  it.each([
    ["not JSON", "{"],
    ["a broken escape", "%E0%A4%A"],
    ["JSON of the wrong shape", encodeURIComponent(JSON.stringify({ children: [] }))],
    ["a number", "42"],
    ["too large", encodeURIComponent(JSON.stringify(["", {}, "x".repeat(50_000)]))],
  ])("refuses %s", (_name, header) => {
    expect(routerStateIsReadable(header)).toBe(false);
  });

  it("refuses the header sent twice", () => {
    expect(routerStateIsReadable([validState, validState])).toBe(false);
  });
});
