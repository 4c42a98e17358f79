// The catalog this process serves, read once from its file at run time: KEYSMITH_CATALOG, else
// keysmith.catalog.json in the working directory when there is one, else the default shipped in
// lib/scopes/default.catalog.json. Read with fs, never imported, so no bundle holds a copy: the API
// server bundle and Next's server code (separate bundles in one process) each read the same file,
// and client components get the catalog from a server component (components/catalog-provider.tsx).
// server.ts loads it before listening, so an invalid file stops the start (CatalogFileError).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Catalog } from "./catalog";
import { parseCatalogFile } from "./catalog-file";

export const DEFAULT_CATALOG_PATH = "lib/scopes/default.catalog.json";
export const ROOT_CATALOG_FILE = "keysmith.catalog.json";

/** Every problem of an invalid catalog file, one `<file>:<line>:<column>: <field>: <message>` each. */
export class CatalogFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The scope catalog is invalid:\n${problems.join("\n")}`);
    this.name = "CatalogFileError";
  }
}

/** Which file the catalog comes from, relative to `cwd` unless absolute. */
export function catalogPath(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  if (env.KEYSMITH_CATALOG) return path.resolve(cwd, env.KEYSMITH_CATALOG);
  const root = path.join(cwd, ROOT_CATALOG_FILE);
  return existsSync(root) ? root : path.join(cwd, DEFAULT_CATALOG_PATH);
}

/** The catalog in `file`, or CatalogFileError naming each problem by line, column and field. */
export function readCatalogFile(file: string): Catalog {
  const shown = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new CatalogFileError([`${shown}: cannot be read (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`]);
  }
  const result = parseCatalogFile(text, shown);
  if (!result.ok) throw new CatalogFileError(result.errors);
  return result.catalog;
}

// One per process, shared by both bundled copies of this module (like lib/db.ts).
const shared = globalThis as unknown as { __keysmithCatalog?: Catalog };

/** The process's catalog; the first call reads and checks the file. */
export function loadedCatalog(): Catalog {
  shared.__keysmithCatalog ??= readCatalogFile(catalogPath());
  return shared.__keysmithCatalog;
}
