// A key's access in the words a person chose it by: the preset's name when it is one, otherwise how
// many resources it reaches. Counting reads and full accesses ("1 read, 23 full access") described the
// "Full access" preset as something else.
import type { Catalog } from "./catalog";
import { presetOf, toAccessMap } from "./scopes";

const PRESET_SUMMARIES = { "read-only": "Read-only", "full-access": "Full access" } as const;

/** "Full access", "Read-only", "No access" or "Custom: 3 resources". */
export function summarizeAccess(catalog: Catalog, scopes: readonly string[]): string {
  const access = toAccessMap(catalog, scopes);
  const preset = presetOf(catalog, access);
  if (preset !== "custom") return PRESET_SUMMARIES[preset];
  const reached = Object.values(access).filter((level) => level !== "none").length;
  if (reached === 0) return "No access";
  return `Custom: ${reached} ${reached === 1 ? "resource" : "resources"}`;
}
