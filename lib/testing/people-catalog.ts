// A service's own catalog for tests: one resource, People, under /v2, with the routes a test needs.
// Plain data with a type import only, so the browser tests (Playwright's loader) can import it too.
import type { Catalog, CatalogRoute } from "@/lib/scopes/catalog";

export function peopleCatalog(routes: CatalogRoute[]): Catalog {
  return {
    groups: ["People"],
    resources: [
      { id: "people", label: "People", description: "Everyone the service knows", group: "People", levels: ["read", "write"], routes },
    ],
    templates: [],
  };
}
