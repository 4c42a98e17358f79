import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAdvisorySnapshot } from "./advisory-snapshot.mjs";
import { advisoriesFromOsv, semverRangeOf } from "./deps-advisories.mjs";
import { findVulnerablePackages, SNAPSHOT_MAX_AGE_DAYS, snapshotAgeDays } from "./deps-check.mjs";
import { readLockedPackages } from "./lockfile-packages.mjs";

const fixtures = path.join(import.meta.dirname, "fixtures/deps-check");
const lockfile = path.join(fixtures, "package-lock.json");
const advisoriesFile = path.join(fixtures, "advisories.json");

function runCheck(advisories: string) {
  const result = spawnSync(
    process.execPath,
    [path.join(import.meta.dirname, "deps-check.mjs"), "--lockfile", lockfile, "--advisories", advisories],
    {
      encoding: "utf8",
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("deps:check", () => {
  const packages = readLockedPackages(lockfile);
  const { advisories } = readAdvisorySnapshot(advisoriesFile);

  it("reads every installed copy, the project itself and links left out", () => {
    expect(packages.map((locked) => `${locked.path} ${locked.version} ${locked.dev ? "dev" : "prod"}`)).toEqual([
      "node_modules/next 15.2.2 prod",
      "node_modules/safe-lib 2.0.0 prod",
      "node_modules/safe-lib/node_modules/nested-lib 1.4.0 prod",
      "node_modules/dev-tool 1.0.0 dev",
      "node_modules/dev-tool/node_modules/next 14.0.0 dev",
      "node_modules/optional-in-production 3.1.0 prod",
      "packages/local 0.0.0 prod",
    ]);
  });

  it("flags a vulnerable production copy and an optional one production installs, not a dev-only copy or a fixed version", () => {
    const findings = findVulnerablePackages(packages, advisories);
    expect(findings.map(({ package: locked, advisory }) => `${locked.path} ${advisory.id}`)).toEqual([
      "node_modules/next GHSA-f82v-jwr5-mffw",
      "node_modules/optional-in-production GHSA-test-dopt-0001",
    ]);
  });

  it("passes an unaffected version, prereleases compared inside the range", () => {
    const next = (version: string) => [{ name: "next", version, path: "node_modules/next", dev: false }];
    expect(findVulnerablePackages(next("15.2.3"), advisories)).toEqual([]);
    expect(findVulnerablePackages(next("16.4.6"), advisories)).toEqual([]);
    expect(findVulnerablePackages(next("15.2.3-canary.1"), advisories)).toHaveLength(1);
  });

  it("exits 1 naming the package, its version and the advisory", () => {
    const { status, stderr } = runCheck(advisoriesFile);
    expect(status).toBe(1);
    expect(stderr).toContain("next@15.2.2 (node_modules/next) is affected by GHSA-f82v-jwr5-mffw [critical]");
    expect(stderr).not.toContain("node_modules/dev-tool");
  });

  it("exits 0 when nothing in production is affected, and warns when the snapshot is stale", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deps-check-"));
    const clean = path.join(dir, "advisories.json");
    const unaffected = advisories.filter((advisory) => advisory.id === "GHSA-test-nest-0001");
    fs.writeFileSync(clean, JSON.stringify({ generatedAt: "2020-01-01", source: "test", advisories: unaffected }));
    const { status, stdout, stderr } = runCheck(clean);
    expect(status).toBe(0);
    expect(stdout).toContain("none affected");
    expect(stderr).toMatch(/warning: the advisory snapshot is \d+ days old \(generated 2020-01-01\)/);
    expect(snapshotAgeDays("2026-11-01", new Date("2026-12-03T12:00:00Z"))).toBe(32);
    expect(snapshotAgeDays("2026-11-20", new Date("2026-12-03T12:00:00Z"))).toBeLessThanOrEqual(SNAPSHOT_MAX_AGE_DAYS);
  });

  it("refuses a snapshot whose range is not semver", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deps-check-"));
    const broken = path.join(dir, "advisories.json");
    fs.writeFileSync(
      broken,
      JSON.stringify({ generatedAt: "2026-12-01", source: "test", advisories: [{ ...advisories[0], range: "since forever" }] }),
    );
    expect(() => readAdvisorySnapshot(broken)).toThrow(/not a semver range/);
    expect(runCheck(broken).status).toBe(1);
  });

  it("the committed snapshot is valid", () => {
    const committed = readAdvisorySnapshot(path.join(import.meta.dirname, "../security/npm-advisories.json"));
    expect(committed.advisories.length).toBeGreaterThan(0);
  });
});

describe("deps:advisories", () => {
  const osvRecord = (id: string, severity: string, extra: object = {}) => ({
    id,
    summary: `${id} summary`,
    database_specific: { severity },
    affected: [
      {
        package: { ecosystem: "npm", name: "next" },
        ranges: [
          { type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.2.3" }, { introduced: "2.0.0" }, { last_affected: "2.1.0" }] },
        ],
      },
      { package: { ecosystem: "PyPI", name: "next" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] },
    ],
    ...extra,
  });

  it("turns OSV events into one semver range", () => {
    expect(semverRangeOf(osvRecord("A", "HIGH").affected[0]!)).toBe("<1.2.3 || >=2.0.0 <=2.1.0");
    expect(semverRangeOf({ ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "3.0.0" }] }] })).toBe(">=3.0.0");
    expect(semverRangeOf({ ranges: [{ type: "GIT", events: [{ introduced: "abc" }] }], versions: ["1.0.0", "1.0.1"] })).toBe(
      "1.0.0 || 1.0.1",
    );
  });

  it("keeps high and critical npm advisories of the lockfile's packages, once each, and drops withdrawn ones", () => {
    const records = [
      osvRecord("GHSA-aaaa-aaaa-aaaa", "CRITICAL"),
      osvRecord("GHSA-aaaa-aaaa-aaaa", "CRITICAL"),
      osvRecord("GHSA-bbbb-bbbb-bbbb", "MODERATE"),
      osvRecord("GHSA-cccc-cccc-cccc", "HIGH", { withdrawn: "2026-01-01T00:00:00Z" }),
      osvRecord("GHSA-dddd-dddd-dddd", "HIGH", {
        affected: [{ package: { ecosystem: "npm", name: "not-installed" }, versions: ["1.0.0"] }],
      }),
    ];
    expect(advisoriesFromOsv(records, new Set(["next"]))).toEqual([
      {
        id: "GHSA-aaaa-aaaa-aaaa",
        aliases: [],
        package: "next",
        range: "<1.2.3 || >=2.0.0 <=2.1.0",
        severity: "critical",
        summary: "GHSA-aaaa-aaaa-aaaa summary",
        url: "https://github.com/advisories/GHSA-aaaa-aaaa-aaaa",
      },
    ]);
  });

  it("rebuilds a snapshot the check reads from a folder of OSV JSON", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deps-advisories-"));
    fs.mkdirSync(path.join(dir, "osv/npm"), { recursive: true });
    const record = osvRecord("GHSA-eeee-eeee-eeee", "HIGH");
    record.affected[0]!.ranges[0]!.events = [{ introduced: "15.0.0" }, { fixed: "15.3.0" }];
    fs.writeFileSync(path.join(dir, "osv/npm/GHSA-eeee-eeee-eeee.json"), JSON.stringify(record));
    const out = path.join(dir, "snapshot.json");
    const rebuilt = spawnSync(
      process.execPath,
      [path.join(import.meta.dirname, "deps-advisories.mjs"), "--from", path.join(dir, "osv"), "--lockfile", lockfile, "--out", out],
      { encoding: "utf8" },
    );
    expect(rebuilt.status).toBe(0);
    expect(readAdvisorySnapshot(out).advisories.map((advisory) => `${advisory.package} ${advisory.range}`)).toEqual([
      "next >=15.0.0 <15.3.0",
    ]);
    const checked = runCheck(out);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toContain("next@15.2.2 (node_modules/next) is affected by GHSA-eeee-eeee-eeee [high]");
  });
});
