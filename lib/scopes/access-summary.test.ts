import { describe, expect, it } from "vitest";
import { summarizeAccess } from "./access-summary";
import { PRESETS, toScopes } from "./scopes";

describe("summarizeAccess", () => {
  it("names the presets as the form offers them", () => {
    expect(summarizeAccess(toScopes(PRESETS["full-access"]()))).toBe("Full access");
    expect(summarizeAccess(toScopes(PRESETS["read-only"]()))).toBe("Read-only");
  });

  it("counts the resources a custom choice reaches, whatever their level", () => {
    expect(summarizeAccess(["lists:write", "tags:read", "profiles:read"])).toBe("Custom: 3 resources");
    expect(summarizeAccess(["profiles:read"])).toBe("Custom: 1 resource");
    // One resource lowered from the full-access preset is no longer that preset.
    const almostFull = toScopes({ ...PRESETS["full-access"](), lists: "read" });
    expect(summarizeAccess(almostFull)).toBe(`Custom: ${almostFull.length} resources`);
  });

  it("says No access for no scope, and ignores what the catalog does not know", () => {
    expect(summarizeAccess([])).toBe("No access");
    expect(summarizeAccess(["junk", "gone:read"])).toBe("No access");
  });
});
