// A key's IP allow-list: addresses and CIDR ranges, IPv4 and IPv6, from which the key may be used.
// Empty means any address. Checked by the API after the key is found (403 ip_not_allowed). Plain
// Node (node:net BlockList): on the hot path, where a key without a list costs one length check.
import { BlockList, isIP } from "node:net";
import { UserFacingError } from "@/lib/errors";

export const MAX_ALLOW_LIST_ENTRIES = 100;

/** One line of the list, normalized (trimmed, lower case), or why it is not an address or range. */
export function parseAllowListEntry(line: string): { entry: string } | { problem: string } {
  const entry = line.trim().toLowerCase();
  const [address = "", prefix, ...extra] = entry.split("/");
  const version = isIP(address);
  const bits = version === 4 ? 32 : 128;
  if (!version || extra.length) return { problem: `"${line.trim().slice(0, 60)}" is not an IPv4 or IPv6 address or CIDR range.` };
  if (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits))
    return { problem: `"${line.trim().slice(0, 60)}" has a prefix length outside 0-${bits}.` };
  return { entry };
}

/** The form's text, one entry per line (blank lines ignored), as entries or the problems by line. */
export function parseAllowList(text: string): { entries: string[]; problems: string[] } {
  const entries: string[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const parsed = parseAllowListEntry(line);
    if ("problem" in parsed) problems.push(`Line ${index + 1}: ${parsed.problem}`);
    else if (!entries.includes(parsed.entry)) entries.push(parsed.entry);
  });
  if (entries.length > MAX_ALLOW_LIST_ENTRIES) problems.push(`At most ${MAX_ALLOW_LIST_ENTRIES} entries.`);
  return { entries, problems };
}

/** The list is malformed: actions report it under the IP allow-list field. */
export class InvalidAllowListError extends UserFacingError {
  override name = "InvalidAllowListError";
}

/** The typed list as stored entries, or InvalidAllowListError naming the first bad line. */
export function allowListEntries(text: string): string[] {
  const { entries, problems } = parseAllowList(text);
  if (problems.length) throw new InvalidAllowListError(problems[0]);
  return entries;
}

function blockListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const type = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

// Built once per distinct list: the stored JSON is the cache key, so an edit is seen at once. Bounded,
// since each live key with a list adds one.
const cache = new Map<string, BlockList>();
const CACHE_LIMIT = 10_000;

/**
 * Whether `address` (the client address the API decided on) may use a key with this stored list.
 * An IPv4 client seen as IPv6 (`::ffff:203.0.113.7`) matches its IPv4 entries. No address: refused.
 */
export function isAddressAllowed(storedList: string, address: string | null): boolean {
  if (storedList === "[]" || storedList === "") return true;
  let list = cache.get(storedList);
  if (!list) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    list = blockListOf(JSON.parse(storedList) as string[]);
    cache.set(storedList, list);
  }
  const version = address ? isIP(address) : 0;
  if (!address || !version) return false;
  return list.check(address, version === 4 ? "ipv4" : "ipv6");
}
