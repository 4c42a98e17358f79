// Fills ApiKey.nameKey for rows written before the column existed: the migration cannot compute NFKC
// in SQL, so the server does it once at start, in batches. Later starts find nothing to do.
// Existing look-alike names (two live keys `Billing` and `billing`) are kept as they are: refusing them
// now would break nothing but could not be resolved by the migration either; a rename or a new key
// is what the rule applies to.
import { db } from "@/lib/db";
import { comparableName } from "@/lib/validation/text";

const BATCH = 500;

export async function backfillKeyNameKeys(): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.apiKey.findMany({ where: { nameKey: null }, select: { id: true, name: true }, take: BATCH });
    if (!rows.length) return filled;
    await db.$transaction(rows.map((row) => db.apiKey.update({ where: { id: row.id }, data: { nameKey: comparableName(row.name) } })));
    filled += rows.length;
  }
}
