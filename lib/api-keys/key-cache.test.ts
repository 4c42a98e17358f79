// The key cache on PostgreSQL: hits, bound, TTL, and above all that it never serves a changed key for
// long: a change through another connection (another instance) is forgotten when its notification
// arrives, the usage writer's touches notify nobody, and a lost feed turns the cache off.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "@/lib/database-url.mjs";
import { db } from "@/lib/db";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { KeyCache, parseKeyCacheOptions } from "./key-cache";
import { candidateHashes } from "./key-hash";
import { type KeyRecord, openPostgresKeyLookup } from "./key-lookup";

const record = (id: string): KeyRecord => ({
  id,
  workspaceId: "ws",
  workspaceName: "Acme",
  name: id,
  prefix: "ksk_",
  last4: "abcd",
  scopes: [],
  ipAllowList: "[]",
  expiresAt: null,
  revokedAt: null,
  rateLimit: null,
});

function countingCache(options: { max?: number; ttlMs?: number } = {}, usable = () => true) {
  // Not 0: the cache takes a start time of 0 for "no TTL".
  let now = 1000;
  const loads: string[] = [];
  const cache = new KeyCache(
    { max: options.max ?? 100, ttlMs: options.ttlMs ?? 1000, clock: { now: () => now } },
    async (hash) => {
      loads.push(hash);
      return hash.startsWith("missing") ? null : record(hash.split("#")[0]!);
    },
    usable,
  );
  return { cache, loads, advance: (ms: number) => (now += ms) };
}

describe("the key cache's settings", () => {
  it("defaults, reads KEY_CACHE_SIZE and KEY_CACHE_TTL_MS, is off at a TTL of 0, and names what it cannot read", () => {
    expect(parseKeyCacheOptions({})).toEqual({ max: 10_000, ttlMs: 5_000 });
    expect(parseKeyCacheOptions({ KEY_CACHE_SIZE: "50", KEY_CACHE_TTL_MS: "200" })).toEqual({ max: 50, ttlMs: 200 });
    expect(parseKeyCacheOptions({ KEY_CACHE_TTL_MS: "0" })).toBeNull();
    expect(() => parseKeyCacheOptions({ KEY_CACHE_TTL_MS: "forever" })).toThrow(/KEY_CACHE_TTL_MS/);
    expect(() => parseKeyCacheOptions({ KEY_CACHE_TTL_MS: "120000" })).toThrow(/KEY_CACHE_TTL_MS/);
    expect(() => parseKeyCacheOptions({ KEY_CACHE_SIZE: "0" })).toThrow(/KEY_CACHE_SIZE/);
  });
});

describe("the key cache", () => {
  it("answers a second lookup from memory, and never keeps a miss", async () => {
    const { cache, loads } = countingCache();
    await cache.byHash("k1");
    expect(await cache.byHash("k1")).toMatchObject({ id: "k1" });
    await cache.byHash("missing");
    await cache.byHash("missing");
    expect(loads).toEqual(["k1", "missing", "missing"]);
  });

  it("reads again after the TTL", async () => {
    const { cache, loads, advance } = countingCache({ ttlMs: 1000 });
    await cache.byHash("k1");
    advance(999);
    await cache.byHash("k1");
    advance(2);
    await cache.byHash("k1");
    expect(loads).toEqual(["k1", "k1"]);
  });

  it("holds at most its size, the least recently used going first", async () => {
    const { cache, loads } = countingCache({ max: 2 });
    await cache.byHash("k1");
    await cache.byHash("k2");
    await cache.byHash("k1");
    await cache.byHash("k3");
    expect(cache.size).toBe(2);
    await cache.byHash("k1");
    await cache.byHash("k2");
    expect(loads).toEqual(["k1", "k2", "k3", "k2"]);
  });

  it("forgets a key under every hash it was found by", async () => {
    const { cache, loads } = countingCache();
    await cache.byHash("k1#current");
    await cache.byHash("k1#older");
    await cache.byHash("k2");
    cache.forgetKey("k1");
    await Promise.all([cache.byHash("k1#current"), cache.byHash("k1#older"), cache.byHash("k2")]);
    expect(loads).toEqual(["k1#current", "k1#older", "k2", "k1#current", "k1#older"]);
  });

  it("forgets a workspace's keys, and only those", async () => {
    const { cache, loads } = countingCache();
    await cache.byHash("k1");
    cache.forgetWorkspace("another workspace");
    await cache.byHash("k1");
    cache.forgetWorkspace("ws");
    await cache.byHash("k1");
    expect(loads).toEqual(["k1", "k1"]);
  });

  it("does not keep what a read found when a change was heard while it ran", async () => {
    let release = () => {};
    const cache = new KeyCache(
      { max: 10, ttlMs: 60_000 },
      () => new Promise<KeyRecord>((resolve) => (release = () => resolve(record("k1")))),
      () => true,
    );
    const reading = cache.byHash("k1");
    cache.forgetKey("k1");
    release();
    await reading;
    expect(cache.size).toBe(0);
  });

  it("serves nothing while the change feed is not listening", async () => {
    let listening = false;
    const { cache, loads } = countingCache({}, () => listening);
    await cache.byHash("k1");
    await cache.byHash("k1");
    listening = true;
    await cache.byHash("k1");
    await cache.byHash("k1");
    expect(loads).toEqual(["k1", "k1", "k1"]);
  });
});

const database = resolveDatabase();

describe.skipIf(database.provider !== "postgresql")("the key cache across instances on PostgreSQL", () => {
  // Instance B: its own pool, cache and LISTEN connection, with a TTL long enough that only a
  // notification can explain a change being seen. Instance A is this process's Prisma client.
  const other = openPostgresKeyLookup(database.url, { max: 100, ttlMs: 60_000 });
  const admin = new pg.Pool({ connectionString: database.url, max: 1 });
  afterAll(async () => {
    await other.close();
    await admin.end();
  });

  async function cachedKey() {
    const ws = await workspaceWithKey();
    const hash = candidateHashes(ws.secret).current.hash;
    await until(async () => (await other.byHash(hash)) !== null && other.cache!.holds(hash));
    return { ...ws, hash };
  }

  async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<number> {
    const started = performance.now();
    while (!(await condition())) {
      if (performance.now() - started > timeoutMs) throw new Error("not within the time allowed");
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return performance.now() - started;
  }

  it("serves a revocation made through another instance as soon as it is notified", async () => {
    const { key, hash } = await cachedKey();
    await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    const waited = await until(async () => (await other.byHash(hash))?.revokedAt != null);
    // Far inside the 60 s TTL: the notification did it.
    expect(waited).toBeLessThan(2000);
  });

  it("forgets a key whose scopes were edited, or which was deleted", async () => {
    const { key, hash } = await cachedKey();
    await db.apiKey.update({ where: { id: key.id }, data: { scopes: JSON.stringify(["lists:read", "tags:read"]) } });
    await until(async () => (await other.byHash(hash))?.scopes.length === 2);
    await db.apiKey.delete({ where: { id: key.id } });
    await until(async () => (await other.byHash(hash)) === null);
  });

  it("is not emptied by the usage writer's touches", async () => {
    const first = await cachedKey();
    const second = await cachedKey();
    await admin.query(`UPDATE "ApiKey" SET "lastUsedAt" = now(), "lastUsedIp" = '192.0.2.1' WHERE "id" = $1`, [first.key.id]);
    // Notifications arrive in commit order: once the second key's change is heard, a notification for
    // the first key's touch would have been heard before it.
    await db.apiKey.update({ where: { id: second.key.id }, data: { name: "Renamed" } });
    await until(async () => (await other.byHash(second.hash))?.name === "Renamed");
    expect(other.cache!.holds(first.hash)).toBe(true);
  });

  it("stops serving from memory when its notifications connection is lost, and resumes once it is back", async () => {
    const { key, hash } = await cachedKey();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN keysmith_key_changed'`,
    );
    await until(async () => !other.cache!.holds(hash));
    // Changed while nobody listened: still seen, since the cache is off until the feed is back.
    await admin.query(`SET session_replication_role = replica`);
    await admin.query(`UPDATE "ApiKey" SET "revokedAt" = now() WHERE "id" = $1`, [key.id]);
    await admin.query(`SET session_replication_role = origin`);
    expect((await other.byHash(hash))?.revokedAt).not.toBeNull();
    await until(async () => (await other.byHash(hash)) !== null && other.cache!.holds(hash));
  });
});
