// The installed packages a package-lock.json (version 2 or 3) describes, one entry per copy on disk:
// the same name can sit at several versions in nested node_modules folders, and each copy is checked.
import fs from "node:fs";

/**
 * @typedef {{ name: string; version: string; path: string; dev: boolean }} LockedPackage
 * @param {string} lockfilePath
 * @returns {LockedPackage[]}
 */
export function readLockedPackages(lockfilePath) {
  const lock = JSON.parse(fs.readFileSync(lockfilePath, "utf8"));
  if (!lock.packages || typeof lock.packages !== "object") {
    throw new Error(`${lockfilePath} has no "packages" map: lockfileVersion 2 or later is needed (npm 7+).`);
  }
  /** @type {LockedPackage[]} */
  const found = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    // "" is the project itself; links point at workspace folders whose own entries are listed too.
    if (location === "" || entry.link || typeof entry.version !== "string") continue;
    const name = entry.name ?? location.slice(location.lastIndexOf("node_modules/") + "node_modules/".length);
    // npm marks a package `dev` only when nothing but dev dependencies needs it; `devOptional` ones can
    // be installed in production (an optional dependency of a production package), so they count.
    found.push({ name, version: entry.version, path: location, dev: entry.dev === true });
  }
  return found;
}
