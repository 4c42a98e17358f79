// A secret generated once into the data folder (beside the SQLite data), for a fresh installation that
// did not configure one: `npm start` works out of the box and the secret survives restarts. Production
// sets each such secret in the environment instead. An existing file is never overwritten.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type DataFileSecret = { secret: string; file: string };

/** Reads data/<fileName>, creating it (mode 0600) with `generate()` (32 random bytes by default) if absent. */
export function dataFileSecret(dataDir: string, fileName: string, generate = () => randomBytes(32).toString("base64url")): DataFileSecret {
  const file = path.join(dataDir, fileName);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, generate(), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return { secret: fs.readFileSync(file, "utf8").trim(), file };
}
