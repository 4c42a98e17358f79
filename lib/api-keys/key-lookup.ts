// The one query of the hot path: a key record by the hash of the presented key. Prisma costs about
// 0.4 ms of CPU per query here (docs/decisions/0002-database-driver-on-the-hot-path.md), so this uses
// the driver directly: a prepared statement on a read-only better-sqlite3 connection (WAL: it sees
// every committed change at once), or a named prepared statement on a pg pool. On SQLite no cache: the
// lookup is a read of a local file, and a revocation is refused on the very next request. On
// PostgreSQL each lookup is a network round trip, so verified keys are cached (key-cache.ts) and
// forgotten the moment any instance changes them (key-change-feed.ts), within a TTL at the latest.
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabase } from "@/lib/database-url.mjs";
import { type RateLimit, rateLimitOf } from "@/lib/rate-limit/rate-limit";
import { KeyCache, type KeyCacheOptions, parseKeyCacheOptions } from "./key-cache";
import { KeyChangeFeed } from "./key-change-feed";

export type KeyRecord = {
  id: string;
  workspaceId: string;
  workspaceName: string;
  name: string;
  prefix: string;
  last4: string;
  scopes: string[];
  /** The stored JSON list, as lib/api-keys/ip-allow-list.ts reads it. */
  ipAllowList: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Null: no rate limit (lib/rate-limit). */
  rateLimit: RateLimit | null;
};

type Row = Omit<KeyRecord, "scopes" | "expiresAt" | "revokedAt" | "rateLimit"> & {
  scopes: string;
  expiresAt: unknown;
  revokedAt: unknown;
  rateLimitRequests: number | null;
  rateLimitPeriod: string | null;
};

const COLUMNS = `k."id", k."workspaceId", w."name" AS "workspaceName", k."name", k."prefix", k."last4", k."scopes", k."ipAllowList", k."expiresAt", k."revokedAt", k."rateLimitRequests", k."rateLimitPeriod"`;
const FROM = `FROM "ApiKey" k JOIN "Workspace" w ON w."id" = k."workspaceId"`;

// Prisma stores SQLite dates as ISO text (older rows may be epoch milliseconds); pg returns Dates.
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(typeof value === "number" ? value : String(value));
}

function toRecord(row: Row | undefined): KeyRecord | null {
  if (!row) return null;
  const { rateLimitRequests, rateLimitPeriod, ...rest } = row;
  return {
    ...rest,
    scopes: JSON.parse(row.scopes) as string[],
    expiresAt: toDate(row.expiresAt),
    revokedAt: toDate(row.revokedAt),
    rateLimit: rateLimitOf(rateLimitRequests, rateLimitPeriod),
  };
}

type Lookup = {
  byHash(hash: string): Promise<KeyRecord | null>;
  close(): Promise<void>;
  /** PostgreSQL's, unless KEY_CACHE_TTL_MS=0. */
  cache?: KeyCache;
};

function sqliteLookup(url: string): Lookup {
  const file = url.slice("file:".length).split("?")[0]!;
  const connection = new Database(file, { readonly: true, fileMustExist: true });
  const statement = connection.prepare<[string], Row>(`SELECT ${COLUMNS} ${FROM} WHERE k."hash" = ?`);
  return {
    byHash: async (hash) => toRecord(statement.get(hash)),
    close: async () => void connection.close(),
  };
}

/** A lookup on PostgreSQL with its own pool, and its own cache and change feed unless `cacheOptions` is null. */
export function openPostgresKeyLookup(url: string, cacheOptions: KeyCacheOptions | null): Lookup {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const text = `SELECT ${COLUMNS} ${FROM} WHERE k."hash" = $1`;
  const query = async (hash: string) => toRecord((await pool.query<Row>({ name: "keysmith_key_by_hash", text, values: [hash] })).rows[0]);
  if (!cacheOptions) return { byHash: query, close: () => pool.end() };
  const feed = new KeyChangeFeed(url, { changed: (keyId) => cache.forgetKey(keyId), lost: () => cache.forgetAll() });
  const cache = new KeyCache(cacheOptions, query, () => feed.listening);
  void feed.start();
  return {
    byHash: (hash) => cache.byHash(hash),
    close: async () => {
      await feed.close();
      await pool.end();
    },
    cache,
  };
}

// One per process, shared by both bundled copies of this module (like lib/db.ts).
const shared = globalThis as unknown as { __keysmithKeyLookup?: Lookup };

function lookup(): Lookup {
  if (!shared.__keysmithKeyLookup) {
    const database = resolveDatabase();
    shared.__keysmithKeyLookup =
      database.provider === "sqlite" ? sqliteLookup(database.url) : openPostgresKeyLookup(database.url, parseKeyCacheOptions());
  }
  return shared.__keysmithKeyLookup;
}

export function findKeyByHash(hash: string): Promise<KeyRecord | null> {
  return lookup().byHash(hash);
}

/**
 * Empties this process's key cache of a workspace's keys, called once a change to one of them has
 * committed (lib/api-keys/key-transaction.ts): the instance that made the change refuses the old key
 * on the very next request, without waiting for its own notification to come back.
 */
export function forgetCachedKeysOf(workspaceId: string): void {
  shared.__keysmithKeyLookup?.cache?.forgetWorkspace(workspaceId);
}

export async function closeKeyLookup(): Promise<void> {
  await shared.__keysmithKeyLookup?.close();
  shared.__keysmithKeyLookup = undefined;
}
