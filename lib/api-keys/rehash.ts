// `npm run keys:rehash`: moves every key still stored as a bare SHA-256 to the current pepper, from the
// stored digest alone (why that works: lib/api-keys/key-hash.ts). Keys under a previous pepper cannot
// be moved without their plaintext (an HMAC cannot be undone); they move on their next use, and the
// count of those left says when a KEY_PEPPER_PREVIOUS entry can be dropped.
import { db } from "@/lib/db";
import { algorithmOf, LEGACY_ALGORITHM, rehashLegacy } from "./key-hash";
import { keyPeppers } from "./pepper";

const BATCH = 500;

export type RehashReport = { rehashed: number; underPrevious: Record<string, number>; underUnknown: number };

export async function rehashLegacyKeys(): Promise<RehashReport> {
  let rehashed = 0;
  for (;;) {
    const rows = await db.apiKey.findMany({ where: { hashAlgorithm: LEGACY_ALGORITHM }, select: { id: true, hash: true }, take: BATCH });
    if (!rows.length) break;
    // Conditional on the old hash, so a key upgraded by its own use meanwhile is left as it is.
    await db.$transaction(rows.map((row) => db.apiKey.updateMany({ where: { id: row.id, hash: row.hash }, data: rehashLegacy(row.hash) })));
    rehashed += rows.length;
  }
  const { current, previous } = keyPeppers();
  const groups = await db.apiKey.groupBy({
    by: ["hashAlgorithm"],
    _count: { _all: true },
    where: { hashAlgorithm: { not: algorithmOf(current) } },
  });
  const known = new Set(previous.map(algorithmOf));
  const underPrevious: Record<string, number> = {};
  let underUnknown = 0;
  for (const group of groups) {
    if (known.has(group.hashAlgorithm)) underPrevious[group.hashAlgorithm] = group._count._all;
    else underUnknown += group._count._all;
  }
  return { rehashed, underPrevious, underUnknown };
}

/** How many keys are still stored without the pepper: the start-up log names the command that fixes it. */
export async function countLegacyKeys(): Promise<number> {
  return db.apiKey.count({ where: { hashAlgorithm: LEGACY_ALGORITHM } });
}
