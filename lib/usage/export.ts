// The filtered request log as a download, oldest first, in keyset batches by id (usage ids are
// time-ordered: lib/usage/rows.ts), so a million rows never sit in memory at once. Only the columns
// a row shows are selected, and each batch names its keys with one query.
import { maskedKey } from "@/lib/api-keys/key-format";
import { db } from "@/lib/db";
import { csvRecord } from "@/lib/export/csv";
import type { ExportFormat } from "@/lib/validation/export";
import type { UsageQuery } from "@/lib/validation/usage";
import { OUTCOME_DECISIONS, outcomeOf } from "./outcomes";
import { requestWhere } from "./queries";

export type UsageExportFilters = Pick<UsageQuery, "keyId" | "resource" | "outcome">;

const BATCH = 2000;
const COLUMNS = [
  "createdAt",
  "method",
  "path",
  "status",
  "outcome",
  "decision",
  "resource",
  "requiredScope",
  "keyId",
  "keyName",
  "key",
  "ip",
  "latencyMs",
  // Gateway mode: what the upstream answered and how long it took (lib/gateway); empty otherwise.
  "upstreamStatus",
  "upstreamMs",
  "id",
] as const;

async function* requestBatches(workspaceId: string, filters: UsageExportFilters) {
  const where = {
    AND: [
      requestWhere({ workspaceId, keyId: filters.keyId, resource: filters.resource }),
      filters.outcome === "all" ? {} : { decision: { in: [...OUTCOME_DECISIONS[filters.outcome]] } },
    ],
  };
  let after = "";
  for (;;) {
    const batch = await db.apiRequest.findMany({
      where: { AND: [where, { id: { gt: after } }] },
      orderBy: { id: "asc" },
      take: BATCH,
      select: {
        id: true,
        createdAt: true,
        method: true,
        path: true,
        status: true,
        decision: true,
        resource: true,
        requiredScope: true,
        keyId: true,
        ip: true,
        latencyMs: true,
        upstreamStatus: true,
        upstreamMs: true,
      },
    });
    if (batch.length) yield batch;
    if (batch.length < BATCH) return;
    after = batch.at(-1)!.id;
  }
}

export async function* usageExportChunks(workspaceId: string, filters: UsageExportFilters, format: ExportFormat): AsyncGenerator<string> {
  if (format === "csv") yield csvRecord(COLUMNS);
  for await (const batch of requestBatches(workspaceId, filters)) {
    const keyIds = [...new Set(batch.flatMap((row) => (row.keyId ? [row.keyId] : [])))];
    const keys = await db.apiKey.findMany({
      where: { workspaceId, id: { in: keyIds } },
      select: { id: true, name: true, prefix: true, last4: true },
    });
    const byId = new Map(keys.map((key) => [key.id, { name: key.name, masked: maskedKey(key) }]));
    yield batch
      .map((row) => {
        const key = row.keyId ? byId.get(row.keyId) : undefined;
        const line = { ...row, outcome: outcomeOf(row.decision), keyName: key?.name ?? null, key: key?.masked ?? null };
        return format === "csv" ? csvRecord(COLUMNS.map((column) => line[column])) : `${JSON.stringify(line)}\n`;
      })
      .join("");
  }
}
