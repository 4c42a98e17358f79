// Auth.js signs and encrypts session tokens with AUTH_SECRET. A fresh installation without one gets
// a random secret kept next to the SQLite data, so `npm start` works out of the box and sessions
// survive restarts; production sets AUTH_SECRET explicitly.
import path from "node:path";
import { dataFileSecret } from "@/lib/secrets/data-file-secret";

export function ensureAuthSecret(dataDir = path.resolve("data")): void {
  if (process.env.AUTH_SECRET) return;
  process.env.AUTH_SECRET = dataFileSecret(dataDir, "auth-secret").secret;
}
