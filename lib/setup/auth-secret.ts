// Auth.js signs and encrypts session tokens with AUTH_SECRET. A fresh installation without one gets
// a random secret kept next to the SQLite data, so `npm start` works out of the box and sessions
// survive restarts; production sets AUTH_SECRET explicitly.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function ensureAuthSecret(dataDir = path.resolve("data")): void {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}
