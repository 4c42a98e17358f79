import { describe, expect, it } from "vitest";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { summarizeAccess } from "./access-summary";
import { PRESETS, toScopes } from "./scopes";

const catalog = defaultCatalog();

describe("summarizeAccess", () => {
  it("names the presets as the form offers them", () => {
    expect(summarizeAccess(catalog, toScopes(catalog, PRESETS["full-access"](catalog)))).toBe("Full access");
    expect(summarizeAccess(catalog, toScopes(catalog, PRESETS["read-only"](catalog)))).toBe("Read-only");
  });

  it("counts the resources a custom choice reaches, whatever their level", () => {
    expect(summarizeAccess(catalog, ["lists:write", "tags:read", "profiles:read"])).toBe("Custom: 3 resources");
    expect(summarizeAccess(catalog, ["profiles:read"])).toBe("Custom: 1 resource");
    // One resource lowered from the full-access preset is no longer that preset.
    const almostFull = toScopes(catalog, { ...PRESETS["full-access"](catalog), lists: "read" });
    expect(summarizeAccess(catalog, almostFull)).toBe(`Custom: ${almostFull.length} resources`);
  });

  it("says No access for no scope, and ignores what the catalog does not know", () => {
    expect(summarizeAccess(catalog, [])).toBe("No access");
    expect(summarizeAccess(catalog, ["junk", "gone:read"])).toBe("No access");
  });
});
