// `npm run deps:advisories`: rebuilds security/npm-advisories.json, the snapshot deps-check.mjs reads,
// from OSV records (https://ossf.github.io/osv-schema/) of every package name in package-lock.json.
//   node scripts/deps-advisories.mjs               ask OSV's API (needs the network)
//   node scripts/deps-advisories.mjs --from <dir>  read OSV JSON files from a folder, e.g. the npm
//                                                  export of the OSV data set, unzipped
// Only high and critical advisories are kept (the ones that fail the check); withdrawn ones are dropped.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { SEVERITIES, writeAdvisorySnapshot } from "./advisory-snapshot.mjs";
import { readLockedPackages } from "./lockfile-packages.mjs";

const OSV_QUERY_URL = "https://api.osv.dev/v1/query";
const PARALLEL_QUERIES = 8;

/**
 * OSV's affected ranges as one node-semver range. npm's ECOSYSTEM ordering is semver, so both range
 * types read the same; explicit version lists are used when a record has no ranges.
 * @param {{ ranges?: { type: string; events: { introduced?: string; fixed?: string; last_affected?: string }[] }[]; versions?: string[] }} affected
 */
export function semverRangeOf(affected) {
  const ranges = (affected.ranges ?? []).filter((range) => range.type === "SEMVER" || range.type === "ECOSYSTEM");
  if (!ranges.length) return (affected.versions ?? []).join(" || ");
  const pieces = [];
  for (const range of ranges) {
    let lower = null;
    for (const event of range.events) {
      if (event.introduced !== undefined) {
        lower = event.introduced === "0" ? "" : `>=${event.introduced}`;
      } else if (lower !== null && (event.fixed !== undefined || event.last_affected !== undefined)) {
        const upper = event.fixed !== undefined ? `<${event.fixed}` : `<=${event.last_affected}`;
        pieces.push(`${lower} ${upper}`.trim());
        lower = null;
      }
    }
    // Introduced and never fixed: every later version is affected.
    if (lower !== null) pieces.push(lower || "*");
  }
  return pieces.join(" || ");
}

/** GHSA records carry the severity word; malicious-package records (MAL-) carry none and are the worst case. */
function severityOf(record) {
  if (record.id.startsWith("MAL-")) return "critical";
  return String(record.database_specific?.severity ?? "").toLowerCase();
}

function urlOf(record) {
  if (record.id.startsWith("GHSA-")) return `https://github.com/advisories/${record.id}`;
  return record.references?.find((reference) => reference.type === "ADVISORY")?.url ?? `https://osv.dev/vulnerability/${record.id}`;
}

/**
 * The snapshot's advisories from OSV records: one per record and affected npm package named in `names`.
 * @param {any[]} records
 * @param {Set<string>} names
 * @returns {import("./advisory-snapshot.mjs").Advisory[]}
 */
export function advisoriesFromOsv(records, names) {
  // A record that affects several queried packages comes back once per query: keep one copy.
  const unique = new Map(records.map((record) => [record.id, record])).values();
  return [...unique].flatMap((record) => {
    const severity = severityOf(record);
    if (record.withdrawn || !SEVERITIES.includes(severity)) return [];
    return (record.affected ?? [])
      .filter((affected) => affected.package?.ecosystem === "npm" && names.has(affected.package.name))
      .map((affected) => ({ affected, range: semverRangeOf(affected) }))
      .filter(({ range }) => range !== "")
      .map(({ affected, range }) => ({
        id: record.id,
        aliases: record.aliases ?? [],
        package: affected.package.name,
        range,
        severity,
        summary: record.summary || record.details?.split("\n")[0] || record.id,
        url: urlOf(record),
      }));
  });
}

/** @param {string} dir */
function readOsvFolder(dir) {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".json"))
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));
}

/** Every OSV record of one npm package, following the API's pages. @param {string} name */
async function queryOsv(name) {
  const records = [];
  let pageToken;
  do {
    const response = await fetch(OSV_QUERY_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ package: { name, ecosystem: "npm" }, page_token: pageToken }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new Error(`OSV answered ${response.status} for ${name}`);
    const page = await response.json();
    records.push(...(page.vulns ?? []));
    pageToken = page.next_page_token;
  } while (pageToken);
  return records;
}

/** @param {string[]} names */
async function queryOsvForAll(names) {
  const records = [];
  const queue = [...names];
  await Promise.all(
    Array.from({ length: PARALLEL_QUERIES }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) records.push(...(await queryOsv(name)));
    }),
  );
  return records;
}

async function main() {
  const root = path.resolve(import.meta.dirname, "..");
  const { values } = parseArgs({
    options: {
      from: { type: "string" },
      lockfile: { type: "string", default: path.join(root, "package-lock.json") },
      out: { type: "string", default: path.join(root, "security/npm-advisories.json") },
    },
  });
  // Dev packages too: one that becomes a production dependency is then covered without a rebuild.
  const names = new Set(readLockedPackages(values.lockfile).map((locked) => locked.name));
  const records = values.from ? readOsvFolder(values.from) : await queryOsvForAll([...names]);
  const advisories = advisoriesFromOsv(records, names);
  writeAdvisorySnapshot(values.out, {
    generatedAt: new Date().toISOString().slice(0, 10),
    source: values.from ? `OSV records from a local folder (${path.basename(values.from)})` : "OSV API (api.osv.dev)",
    advisories,
  });
  console.log(`deps:advisories: ${advisories.length} high/critical advisories for ${names.size} package names written to ${values.out}`);
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) await main();
