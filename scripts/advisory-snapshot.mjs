// The committed advisory snapshot (security/npm-advisories.json): its shape, read and written in one
// place so that the check (deps-check.mjs) and the updater (deps-advisories.mjs) never disagree.
import fs from "node:fs";
import semver from "semver";
import { z } from "zod";

export const SEVERITIES = ["high", "critical"];

const advisorySchema = z.object({
  id: z.string().min(1),
  aliases: z.array(z.string()),
  package: z.string().min(1),
  /** A node-semver range of the affected versions, e.g. ">=15.0.0 <15.2.3 || >=14.0.0 <14.2.25". */
  range: z.string().refine((range) => semver.validRange(range) !== null, "not a semver range"),
  severity: z.enum(SEVERITIES),
  summary: z.string().min(1),
  url: z.url(),
});

const snapshotSchema = z.object({
  generatedAt: z.iso.date(),
  source: z.string().min(1),
  advisories: z.array(advisorySchema),
});

/** @typedef {z.infer<typeof advisorySchema>} Advisory */
/** @typedef {z.infer<typeof snapshotSchema>} AdvisorySnapshot */

/** @param {string} file @returns {AdvisorySnapshot} */
export function readAdvisorySnapshot(file) {
  const parsed = snapshotSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file} is not an advisory snapshot: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Sorted, so that a rebuild with nothing new leaves the file unchanged in git. @param {string} file @param {AdvisorySnapshot} snapshot */
export function writeAdvisorySnapshot(file, snapshot) {
  const valid = snapshotSchema.parse(snapshot);
  valid.advisories.sort((a, b) => a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
  fs.writeFileSync(file, `${JSON.stringify(valid, null, 2)}\n`);
}
