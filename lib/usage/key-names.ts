// How usage names the keys its rows point at. Usage outlives keys (no foreign key), so a deleted key is
// named by what its deletion's audit event recorded, and marked deleted so nothing links to it.
import { maskedKey } from "@/lib/api-keys/key-format";
import { db } from "@/lib/db";

/**
 * The keys named in a page of requests: live ones by name with a link, deleted ones by the name their
 * deletion recorded (usage outlives a key; the audit event is what still knows what it was called).
 */
export async function namedKeys(workspaceId: string, keyIds: string[]) {
  const keys = await db.apiKey.findMany({
    where: { workspaceId, id: { in: keyIds } },
    select: { id: true, name: true, prefix: true, last4: true },
  });
  const named = new Map(keys.map((key) => [key.id, { id: key.id, name: key.name, masked: maskedKey(key), deleted: false }]));
  const gone = keyIds.filter((id) => !named.has(id));
  if (gone.length) {
    const deletions = await db.auditEvent.findMany({
      where: { workspaceId, action: "key.deleted", targetType: "api_key", targetId: { in: gone } },
      select: { targetId: true, targetLabel: true, metadata: true },
    });
    for (const event of deletions) {
      if (!event.targetId) continue;
      const masked = (JSON.parse(event.metadata) as { key?: unknown }).key;
      named.set(event.targetId, {
        id: event.targetId,
        name: event.targetLabel ?? "Deleted key",
        masked: typeof masked === "string" ? masked : "",
        deleted: true,
      });
    }
  }
  return named;
}
