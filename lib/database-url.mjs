// One reading of DATABASE_URL for every entry point (server, scripts, tests): which provider, which URL.
import fs from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/keysmith.db";

/** @returns {{ provider: "sqlite" | "postgresql", url: string }} */
export function resolveDatabase(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.split(":")[0]}:")`);
  // SQLite creates the file but not its folder.
  const file = url.slice("file:".length).split("?")[0];
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return { provider: "sqlite", url };
}
