// The catalogs tests work with: the default as shipped (read from its file, as the server reads it),
// variants of it, and swapping the process's loaded catalog for one test file's needs.
import type { Catalog } from "@/lib/scopes/catalog";
import { DEFAULT_CATALOG_PATH, readCatalogFile } from "@/lib/scopes/loaded-catalog";

export function defaultCatalog(): Catalog {
  return readCatalogFile(DEFAULT_CATALOG_PATH);
}

/** The default without some resources, and without the templates that grant them. */
export function catalogWithout(...ids: string[]): Catalog {
  const catalog = defaultCatalog();
  return {
    groups: catalog.groups,
    resources: catalog.resources.filter((resource) => !ids.includes(resource.id)),
    templates: catalog.templates.filter((template) => !template.scopes.some((scope) => ids.includes(scope.split(":")[0]!))),
  };
}

const shared = globalThis as unknown as { __keysmithCatalog?: Catalog };

/** Makes `catalog` the process's loaded catalog (lib/scopes/loaded-catalog.ts) until the next call. */
export function serveCatalog(catalog: Catalog): void {
  shared.__keysmithCatalog = catalog;
}
