// `npm run deps:check`: fails when a production dependency in package-lock.json matches a high or
// critical advisory of the committed snapshot security/npm-advisories.json. Offline on purpose: the
// registry here answers no audit requests (docs/decisions/0009-dependency-advisories-offline.md);
// `npm run deps:advisories` rebuilds the snapshot.
//   node scripts/deps-check.mjs [--lockfile <file>] [--advisories <file>]
import path from "node:path";
import { parseArgs } from "node:util";
import semver from "semver";
import { readAdvisorySnapshot } from "./advisory-snapshot.mjs";
import { readLockedPackages } from "./lockfile-packages.mjs";

/** A snapshot older than this no longer says much about what is known today. */
export const SNAPSHOT_MAX_AGE_DAYS = 30;

/**
 * Every production copy in the lockfile that an advisory's range covers. Prerelease versions (Next's
 * canaries) are compared inside the ranges, as OSV orders them, instead of being skipped.
 * @param {import("./lockfile-packages.mjs").LockedPackage[]} packages
 * @param {import("./advisory-snapshot.mjs").Advisory[]} advisories
 */
export function findVulnerablePackages(packages, advisories) {
  return packages
    .filter((locked) => !locked.dev)
    .flatMap((locked) =>
      advisories
        .filter((advisory) => advisory.package === locked.name)
        .filter((advisory) => semver.satisfies(locked.version, advisory.range, { includePrerelease: true }))
        .map((advisory) => ({ package: locked, advisory })),
    );
}

/** @param {string} generatedAt @param {Date} now */
export function snapshotAgeDays(generatedAt, now) {
  return Math.floor((now.getTime() - new Date(generatedAt).getTime()) / 86_400_000);
}

function main() {
  const root = path.resolve(import.meta.dirname, "..");
  const { values } = parseArgs({
    options: {
      lockfile: { type: "string", default: path.join(root, "package-lock.json") },
      advisories: { type: "string", default: path.join(root, "security/npm-advisories.json") },
    },
  });
  const snapshot = readAdvisorySnapshot(values.advisories);
  const packages = readLockedPackages(values.lockfile);
  const production = packages.filter((locked) => !locked.dev);
  const age = snapshotAgeDays(snapshot.generatedAt, new Date());
  if (age > SNAPSHOT_MAX_AGE_DAYS) {
    console.warn(
      `deps:check: warning: the advisory snapshot is ${age} days old (generated ${snapshot.generatedAt}); rebuild it with npm run deps:advisories`,
    );
  }
  const findings = findVulnerablePackages(packages, snapshot.advisories);
  for (const { package: locked, advisory } of findings) {
    console.error(
      `deps:check: ${locked.name}@${locked.version} (${locked.path}) is affected by ${advisory.id} [${advisory.severity}] ${advisory.summary} (vulnerable: ${advisory.range}) ${advisory.url}`,
    );
  }
  console.log(
    `deps:check: ${production.length} production packages against ${snapshot.advisories.length} high/critical advisories (snapshot ${snapshot.generatedAt}): ${findings.length ? `${findings.length} affected` : "none affected"}`,
  );
  process.exit(findings.length ? 1 : 0);
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) main();
