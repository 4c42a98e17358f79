// A rotation chain: a key, the key it replaced, the one that one replaced, and so on. While a rotation's
// grace period runs, the old key works alongside its replacement, so whatever happens to the replacement
// for safety (a revocation, a narrowing) must happen to every predecessor that still works too, or the
// old secret would keep what the new one lost.
import type { Tx } from "@/lib/db";
import { KEY_SELECT, type KeyView, toKeyView } from "./records";
import { isUsable } from "./status";

// Rotations of one key are serialized and each needs a live key, so chains stay short; the bound only
// guards against a loop in damaged data.
const MAX_CHAIN = 50;

/** The key's predecessors that still authenticate requests (in their grace period), newest first. */
export async function livePredecessors(client: Tx, workspaceId: string, key: { rotatedFromId: string | null }, now = new Date()) {
  const live: KeyView[] = [];
  const seen = new Set<string>();
  let next = key.rotatedFromId;
  while (next && !seen.has(next) && seen.size < MAX_CHAIN) {
    seen.add(next);
    const row = await client.apiKey.findFirst({ where: { id: next, workspaceId }, select: KEY_SELECT });
    if (!row) break;
    const previous = toKeyView(row, now);
    // An expired link does not end the chain: a key rotated with a long grace can outlive its
    // replacement rotated away immediately.
    if (isUsable(previous.status)) live.push(previous);
    next = previous.rotatedFromId;
  }
  return live;
}

type ChainLink = { id: string; rotatedFromId: string | null };

/**
 * A page of the key list with each rotation chain together: the newest key of a chain first, its
 * predecessors on that page under it, newest first. A predecessor whose replacement is not on the page
 * (another page, or filtered out) stays where it was, so no key is ever hidden.
 */
export function nestRotationChains<K extends ChainLink>(keys: readonly K[]): { key: K; predecessors: K[] }[] {
  const byId = new Map(keys.map((key) => [key.id, key]));
  const nested = new Set<string>();
  const chains: { key: K; predecessors: K[] }[] = [];
  const replacedOnPage = new Set(keys.flatMap((key) => (key.rotatedFromId && byId.has(key.rotatedFromId) ? [key.rotatedFromId] : [])));
  for (const key of keys) {
    if (replacedOnPage.has(key.id)) continue;
    const predecessors: K[] = [];
    let previous = key.rotatedFromId ? byId.get(key.rotatedFromId) : undefined;
    while (previous && !nested.has(previous.id) && predecessors.length < MAX_CHAIN) {
      nested.add(previous.id);
      predecessors.push(previous);
      previous = previous.rotatedFromId ? byId.get(previous.rotatedFromId) : undefined;
    }
    chains.push({ key, predecessors });
  }
  // Only a loop in damaged data leaves a key unreached: it is listed on its own rather than lost.
  for (const key of keys) if (replacedOnPage.has(key.id) && !nested.has(key.id)) chains.push({ key, predecessors: [] });
  return chains;
}
