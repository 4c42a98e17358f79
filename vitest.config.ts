import path from "node:path";
import { defineConfig } from "vitest/config";

// lib tests run against a real database: SQLite by default, PostgreSQL when TEST_DATABASE_URL names a
// server (scripts/test.mjs runs both). Each test file gets its own fresh, migrated database.
export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // "server-only" throws outside React's server build; in tests the code is on the server by definition.
      "server-only": path.join(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/database-per-file.ts"],
    testTimeout: 20_000,
    // The failed-authentication limit per address (60 a minute) would refuse the many bad keys the
    // authorization tests send from one address; lib/api/rate-limit.test.ts sets its own.
    env: { FAILED_AUTH_LIMIT_PER_MINUTE: "999999" },
    hookTimeout: 30_000,
  },
});
