// "Denied requests": what the access check refused over a usage range, grouped by key and reason,
// from the hourly rollup (its cost follows the keys and hours shown, not the traffic). For a missing
// scope it sets the scope asked for beside what the key has on that resource, so whoever answers
// "why does the partner get 403 since Tuesday?" sees the gap, and a manager can grant exactly it.
import { KEY_SELECT, toKeyView } from "@/lib/api-keys/records";
import { isUsable } from "@/lib/api-keys/status";
import { db } from "@/lib/db";
import { findResource } from "@/lib/scopes/catalog";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { type Access, parseScope, type Scope, toAccessMap } from "@/lib/scopes/scopes";
import { namedKeys } from "./key-names";
import { DECISION_LABELS, REFUSED_DECISIONS } from "./outcomes";
import { bucketsOf, type UsageRange } from "./ranges";

const MAX_GROUPS = 20;

export type DeniedGroup = {
  keyId: string | null;
  /** The key's name (a deleted key's as its deletion recorded it); requests with no valid key: "No key". */
  name: string;
  masked: string | null;
  deleted: boolean;
  decision: string;
  reason: string;
  requests: number;
  /** For a missing scope: what was asked for, and the key's access to that resource now. */
  missing: { scope: Scope; resource: string; label: string; has: Access } | null;
  /** The key still works and is not in a rotation's grace, so its edit form can grant the scope. */
  editable: boolean;
};

export async function deniedRequests(workspaceId: string, range: UsageRange, now = new Date()): Promise<DeniedGroup[]> {
  const { from } = bucketsOf(range, now);
  const rows = await db.usageRollup.groupBy({
    by: ["keyId", "decision", "requiredScope"],
    where: { workspaceId, hour: { gte: from }, decision: { in: [...REFUSED_DECISIONS] } },
    _sum: { count: true },
  });
  // Only missing scopes are told apart by scope: a revoked key is refused whatever it asked for.
  const groups = new Map<string, { keyId: string | null; decision: string; requiredScope: string; requests: number }>();
  for (const row of rows) {
    const keyId = row.keyId || null;
    const requiredScope = row.decision === "missing_scope" ? row.requiredScope : "";
    const id = [keyId, row.decision, requiredScope].join("\u0000");
    const group = groups.get(id) ?? { keyId, decision: row.decision, requiredScope, requests: 0 };
    group.requests += row._sum.count ?? 0;
    groups.set(id, group);
  }
  const top = [...groups.values()].sort((a, b) => b.requests - a.requests).slice(0, MAX_GROUPS);
  const ids = [...new Set(top.flatMap((row) => (row.keyId ? [row.keyId] : [])))];
  const [names, live] = await Promise.all([
    namedKeys(workspaceId, ids),
    db.apiKey.findMany({ where: { workspaceId, id: { in: ids } }, select: KEY_SELECT }),
  ]);
  const byId = new Map(live.map((row) => [row.id, toKeyView(row, now)]));

  return top.map((row) => {
    const key = row.keyId ? byId.get(row.keyId) : undefined;
    const named = row.keyId ? names.get(row.keyId) : undefined;
    const parsed = row.requiredScope ? parseScope(row.requiredScope) : null;
    return {
      keyId: row.keyId,
      name: named?.name ?? "No key",
      masked: named?.masked || null,
      deleted: named?.deleted ?? false,
      decision: row.decision,
      reason: DECISION_LABELS[row.decision] ?? row.decision,
      requests: row.requests,
      missing: parsed
        ? {
            scope: row.requiredScope as Scope,
            resource: parsed.resource,
            label: findResource(loadedCatalog(), parsed.resource)?.label ?? parsed.resource,
            has: key ? (toAccessMap(loadedCatalog(), key.scopes)[parsed.resource] ?? "none") : "none",
          }
        : null,
      editable: Boolean(key && isUsable(key.status) && key.status !== "rotating"),
    };
  });
}
