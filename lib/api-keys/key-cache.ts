// Verified key records kept in memory on PostgreSQL, where each lookup is a network round trip
// (docs/architecture.md, "The key cache"). Bounded (least recently used go first) and short-lived
// (the TTL is the safety net for a notification that never came); emptied of a key the moment the
// change feed says it changed, and not used at all while the feed is not listening. So a revocation
// through any instance is refused by every other one within the notification's delivery, and never
// later than the TTL. Only keys that exist are kept: a key just created needs no notification.
import { LRUCache } from "lru-cache";
import { z } from "zod";
import type { KeyRecord } from "./key-lookup";

export type KeyCacheOptions = {
  max: number;
  ttlMs: number;
  /** The clock the TTL is measured on (tests move it); performance by default. */
  clock?: { now(): number };
};

export const DEFAULT_KEY_CACHE: KeyCacheOptions = { max: 10_000, ttlMs: 5_000 };

const size = z.coerce.number().int().min(1).max(10_000_000);
const ttl = z.coerce.number().int().min(0).max(60_000);

/** The cache's settings from KEY_CACHE_SIZE and KEY_CACHE_TTL_MS; null when KEY_CACHE_TTL_MS is 0 (no cache). */
export function parseKeyCacheOptions(env: Record<string, string | undefined> = process.env): KeyCacheOptions | null {
  const read = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new Error(`${name} is not a whole number in range: "${raw}" (docs/operations.md, "The key cache").`);
    return parsed.data;
  };
  const options = {
    max: read("KEY_CACHE_SIZE", size, DEFAULT_KEY_CACHE.max),
    ttlMs: read("KEY_CACHE_TTL_MS", ttl, DEFAULT_KEY_CACHE.ttlMs),
  };
  return options.ttlMs === 0 ? null : options;
}

export class KeyCache {
  private readonly records: LRUCache<string, KeyRecord>;
  // Bumped by every forgetting: a read that began before one may hold what changed, so it is not kept.
  private generation = 0;

  constructor(
    options: KeyCacheOptions,
    private readonly load: (hash: string) => Promise<KeyRecord | null>,
    private readonly usable: () => boolean,
  ) {
    this.records = new LRUCache({ max: options.max, ttl: options.ttlMs, ttlAutopurge: false, ttlResolution: 0, perf: options.clock });
  }

  async byHash(hash: string): Promise<KeyRecord | null> {
    if (!this.usable()) return this.load(hash);
    const cached = this.records.get(hash);
    if (cached) return cached;
    const generation = this.generation;
    const record = await this.load(hash);
    if (record && generation === this.generation && this.usable()) this.records.set(hash, record);
    return record;
  }

  /** Forgets the key (under any of its hashes). A scan: changes are rare, lookups are not. */
  forgetKey(keyId: string): void {
    this.generation++;
    for (const [hash, record] of this.records.entries()) if (record.id === keyId) this.records.delete(hash);
  }

  forgetAll(): void {
    this.generation++;
    this.records.clear();
  }

  /** Whether a lookup of this hash would be answered from memory. */
  holds(hash: string): boolean {
    return this.usable() && this.records.has(hash);
  }

  get size(): number {
    return this.records.size;
  }
}
