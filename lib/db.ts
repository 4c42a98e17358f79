// The one Prisma client of the process, chosen by DATABASE_URL. No "server-only" marker: the lean API
// path (plain Node, bundled by esbuild) and Next's server bundle both import this file, and the
// globalThis singleton makes the two bundled copies share one client (two clients on one SQLite file
// stall each other's transactions).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/prisma/generated/postgresql/client";
import { PrismaClient } from "@/prisma/generated/sqlite/client";
import { resolveDatabase } from "./database-url.mjs";

// Both generated clients expose the same model API; the SQLite one serves as the type.
export type Db = PrismaClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function createClient(): Db {
  const database = resolveDatabase();
  shared.__keysmithDbProvider = database.provider;
  if (database.provider === "postgresql") {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: database.url }) }) as unknown as Db;
  }
  // WAL lets readers proceed while a writer commits; busy_timeout waits instead of failing on a lock.
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: database.url, timeout: 5000 }) });
}

const shared = globalThis as unknown as { __keysmithDb?: Db; __keysmithDbProvider?: "sqlite" | "postgresql" };
shared.__keysmithDb ??= createClient();
export const db: Db = shared.__keysmithDb;

/**
 * A case-insensitive "contains" filter on both providers: SQLite's LIKE already ignores ASCII case
 * and Prisma refuses `mode` there; PostgreSQL needs `mode: "insensitive"`.
 */
export function textContains(term: string): { contains: string } {
  return shared.__keysmithDbProvider === "postgresql"
    ? ({ contains: term, mode: "insensitive" } as { contains: string })
    : { contains: term };
}
