import { describe, expect, it } from "vitest";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { MAX_CUSTOM_EXPIRY_DAYS } from "@/lib/validation/keys";
import { findResource } from "./catalog";
import { parseScope, scopeProblems, toAccessMap, toScopes } from "./scopes";

const catalog = defaultCatalog();
const TEMPLATES = catalog.templates;

describe("the default catalog's integration templates", () => {
  it("offer the four integrations by name, each with a unique kebab-case id and a description", () => {
    expect(TEMPLATES.map((t) => t.name)).toEqual(["Analytics export", "E-commerce sync", "Support desk", "Data warehouse"]);
    const ids = TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const template of TEMPLATES) {
      expect(template.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(template.description.length).toBeGreaterThan(20);
    }
  });

  it.each(TEMPLATES.map((t) => [t.name, t] as const))("%s grants only scopes the catalog offers", (_, template) => {
    expect(template.scopes.length).toBeGreaterThan(0);
    // Every scope names a resource of the catalog at a level it has, at most once per resource.
    expect(scopeProblems(catalog, template.scopes)).toEqual([]);
    for (const scope of template.scopes) {
      const parsed = parseScope(scope)!;
      expect(findResource(catalog, parsed.resource)?.levels).toContain(parsed.level);
    }
    // Already normalized, so the matrix shows exactly what the template lists.
    expect(new Set(toScopes(catalog, toAccessMap(catalog, template.scopes)))).toEqual(new Set(template.scopes));
  });

  it("recommend an expiry the policy allows", () => {
    for (const { recommendedExpiryDays: days } of TEMPLATES) {
      if (days === null) continue;
      expect(Number.isInteger(days)).toBe(true);
      expect(days).toBeGreaterThanOrEqual(1);
      expect(days).toBeLessThanOrEqual(MAX_CUSTOM_EXPIRY_DAYS);
    }
  });

  it("the analytics export reads metrics, events, profiles and campaigns and changes nothing", () => {
    const analytics = TEMPLATES.find((t) => t.name === "Analytics export")!;
    expect([...analytics.scopes].sort()).toEqual(["campaigns:read", "events:read", "metrics:read", "profiles:read"]);
  });
});
