// Which of the two modes this process runs in. `npm start` (scripts/start.mjs) sets KEYSMITH_MODE=demo:
// the local demo, with seeded workspaces and accounts whose password is published. `npm run serve` is
// production: no demo account unless SEED_DEMO_DATA=true says so explicitly. Decided from the
// environment of this start, not from the database, so a production start never inherits demo mode
// from a file that was once seeded (prepare-database.ts warns when demo accounts are found there).

export type ModeEnv = Record<string, string | undefined>;

/** Demo data is seeded and announced: the demo (`npm start`) or production told SEED_DEMO_DATA=true. */
export function demoDataEnabled(env: ModeEnv = process.env): boolean {
  return env.KEYSMITH_MODE === "demo" || env.SEED_DEMO_DATA === "true";
}

/** Production told to seed demo accounts: allowed, but warned about at every start. */
export function demoDataInProduction(env: ModeEnv = process.env): boolean {
  return env.KEYSMITH_MODE !== "demo" && env.SEED_DEMO_DATA === "true";
}
