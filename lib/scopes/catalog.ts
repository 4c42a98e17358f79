// The scope catalog's shape and the lookups on it (docs/architecture.md, "The scope catalog"). The
// catalog itself is configuration: a JSON file (KEYSMITH_CATALOG, keysmith.catalog.json, or the
// default lib/scopes/default.catalog.json) read and checked at start by lib/scopes/loaded-catalog.ts,
// and handed to client components by the server. Pure: no imports, safe in the browser.

export type AccessLevel = "read" | "write";
export const ACCESS_LEVELS: readonly AccessLevel[] = ["read", "write"];
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A route a resource covers: a method and a path pattern relative to /api/v1 (`/profiles/:id`). */
export type CatalogRoute = { method: RouteMethod; path: string; level: AccessLevel };

export type ResourceDefinition = {
  /** kebab-case; the scope prefix (`lists:read`) and the built-in record store's record type. */
  id: string;
  label: string;
  description: string;
  group: string;
  /** Which levels exist. Read-only resources have no write routes; write-only ones no read routes. */
  levels: readonly AccessLevel[];
  routes: readonly CatalogRoute[];
};

export type IntegrationTemplate = {
  /** kebab-case, unique. */
  id: string;
  name: string;
  description: string;
  /** At most one per resource, each a level the resource offers (`profiles:read`). */
  scopes: readonly string[];
  /** How long the key should live, within the expiry policy (1 to 365 days); null: it never expires. */
  recommendedExpiryDays: number | null;
};

/** A loaded catalog: plain data, so a server component can hand it to client components as it is. */
export type Catalog = {
  /** Display order of the groups; every resource's group is one of them. */
  groups: readonly string[];
  resources: readonly ResourceDefinition[];
  templates: readonly IntegrationTemplate[];
};

const indexes = new WeakMap<Catalog, ReadonlyMap<string, ResourceDefinition>>();

export function findResource(catalog: Catalog, id: string): ResourceDefinition | undefined {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map(catalog.resources.map((resource) => [resource.id, resource]));
    indexes.set(catalog, index);
  }
  return index.get(id);
}

export function findTemplate(catalog: Catalog, id: string): IntegrationTemplate | undefined {
  return catalog.templates.find((template) => template.id === id);
}

/** The resources group by group, in the groups' order and the file's order within each. */
export function resourcesByGroup(catalog: Catalog): { group: string; resources: ResourceDefinition[] }[] {
  return catalog.groups.map((group) => ({ group, resources: catalog.resources.filter((resource) => resource.group === group) }));
}

/** `build` made once per catalog: a schema or an index derived from it costs nothing on later calls. */
export function perCatalog<T>(build: (catalog: Catalog) => T): (catalog: Catalog) => T {
  const built = new WeakMap<Catalog, T>();
  return (catalog) => {
    if (!built.has(catalog)) built.set(catalog, build(catalog));
    return built.get(catalog)!;
  };
}
