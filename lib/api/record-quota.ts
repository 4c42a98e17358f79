// How much the built-in record store may hold per workspace (docs/operations.md, "Record quotas"):
// without a bound, one write key posting large bodies in a loop fills the disk. Counted in the
// workspace's own row (recordCount, recordBytes), updated in the write's transaction, so the figures are
// exact and every instance sees the same ones (lib/api/record-writes.ts).
import { z } from "zod";

export type RecordQuota = {
  /** Records per workspace, all resources together; 0: no quota. */
  records: number;
  /** Bytes of attributes (their JSON text, UTF-8) per workspace; 0: no quota. */
  bytes: number;
};

export type QuotaName = keyof RecordQuota;

/** The environment variable that sets each quota, named in the refusal so the operator knows what to raise. */
export const QUOTA_VARIABLES: Record<QuotaName, string> = { records: "RECORD_QUOTA_RECORDS", bytes: "RECORD_QUOTA_BYTES" };

export const DEFAULT_RECORD_QUOTA: RecordQuota = { records: 100_000, bytes: 100 * 1024 * 1024 };

// The counters are 32-bit integers on PostgreSQL.
const MAX_QUOTA = 2_000_000_000;
const quotaValue = z.coerce.number().int().min(0).max(MAX_QUOTA);

/** The quotas the environment sets; a value that is not a whole number from 0 to 2,000,000,000 throws, naming the variable. */
export function parseRecordQuota(env: Record<string, string | undefined> = process.env): RecordQuota {
  const quota = { ...DEFAULT_RECORD_QUOTA };
  for (const name of Object.keys(QUOTA_VARIABLES) as QuotaName[]) {
    const raw = env[QUOTA_VARIABLES[name]]?.trim();
    if (!raw) continue;
    const parsed = quotaValue.safeParse(raw);
    if (!parsed.success)
      throw new Error(`${QUOTA_VARIABLES[name]} must be a whole number from 0 (no quota) to ${MAX_QUOTA}, not "${raw}".`);
    quota[name] = parsed.data;
  }
  return quota;
}

/** What a workspace's store holds. */
export type StoreSize = { records: number; bytes: number };

/** The quota a change of `records` and `bytes` would break, or null; a change that shrinks the store always fits. */
export function exceededQuota(quota: RecordQuota, size: StoreSize, records: number, bytes: number): QuotaName | null {
  if (records > 0 && quota.records > 0 && size.records + records > quota.records) return "records";
  if (bytes > 0 && quota.bytes > 0 && size.bytes + bytes > quota.bytes) return "bytes";
  return null;
}
