import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CatalogFileError, catalogPath, DEFAULT_CATALOG_PATH, ROOT_CATALOG_FILE, readCatalogFile } from "./loaded-catalog";

let directory: string;
beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "keysmith-catalog-"));
});
afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

describe("which catalog file is read", () => {
  it("is KEYSMITH_CATALOG when set, relative to the working directory", () => {
    fs.writeFileSync(path.join(directory, ROOT_CATALOG_FILE), "{}");
    expect(catalogPath({ KEYSMITH_CATALOG: "config/api.json" }, directory)).toBe(path.join(directory, "config/api.json"));
    expect(catalogPath({ KEYSMITH_CATALOG: "/etc/keysmith/api.json" }, directory)).toBe("/etc/keysmith/api.json");
  });

  it("is keysmith.catalog.json at the root when there is one, else the default", () => {
    expect(catalogPath({}, directory)).toBe(path.join(directory, DEFAULT_CATALOG_PATH));
    fs.writeFileSync(path.join(directory, ROOT_CATALOG_FILE), "{}");
    expect(catalogPath({}, directory)).toBe(path.join(directory, ROOT_CATALOG_FILE));
  });
});

describe("readCatalogFile", () => {
  it("names a file that cannot be read", () => {
    const missing = path.join(directory, "missing.json");
    expect(() => readCatalogFile(missing)).toThrowError(CatalogFileError);
    try {
      readCatalogFile(missing);
    } catch (error) {
      expect((error as CatalogFileError).problems).toEqual([`${path.relative(process.cwd(), missing)}: cannot be read (ENOENT)`]);
    }
  });

  it("throws every problem of an invalid file, by line and field", () => {
    const file = path.join(directory, "broken.json");
    fs.writeFileSync(file, '{\n  "groups": [],\n  "resources": [],\n  "templates": []\n}\n');
    expect(() => readCatalogFile(file)).toThrowError(/broken\.json:2:13: groups: must NOT have fewer than 1 items/);
  });
});
