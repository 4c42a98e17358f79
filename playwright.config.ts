import { defineConfig, devices } from "@playwright/test";
import { smtpPort } from "./e2e/mail-sink";

// Browser tests against the built app (`npm run build` first): one custom server on a fresh SQLite
// database per run, seeded with the demo workspaces on start (SEED_DEMO_DATA=true, as production allows
// when told explicitly; so every page shows the "Demo data" banner). See e2e/fixtures.ts.
// E2E_PORT lets two checkouts on one machine run their browser tests at once.
const PORT = Number(process.env.E2E_PORT || 3100);
// localhost, not 127.0.0.1: WebAuthn refuses an IP address as its relying party (e2e/two-factor.spec.ts).
const BASE_URL = `http://localhost:${PORT}`;

// e2e/fixtures.ts opens the same file to add and remove memberships directly.
const E2E_DATABASE_FILE = ".tmp/e2e/keysmith.db";
// Everything the server writes (stdout and stderr) is also kept here, so a test can search the log
// (e2e/keys.spec.ts checks that no secret is ever logged). Read it with fixtures.ts `serverLog()`.
const E2E_SERVER_LOG = ".tmp/e2e/server.log";

export default defineConfig({
  testDir: "e2e",
  // A loopback SMTP server for the app's mail (password reset); tests read what it received.
  globalSetup: "./e2e/mail-sink.ts",
  // Two cores, one server and one SQLite file: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      // Playwright cannot download browsers here; Debian's Chromium does the job.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    // POSIX sh: the server's stderr goes through one tee to the log and on to Playwright's stderr
    // (shown, as before); its stdout through another tee to the log and on to stdout (ignored, as before).
    command:
      `rm -rf .tmp/e2e && mkdir -p .tmp/e2e && ` +
      `{ { node dist/server.mjs 2>&1 1>&3 3>&- | tee -a ${E2E_SERVER_LOG} >&2 3>&-; } 3>&1 | tee -a ${E2E_SERVER_LOG}; }`,
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:./${E2E_DATABASE_FILE}`,
      AUTH_SECRET: "e2e-only-secret-do-not-use-anywhere-else-0123456789",
      AUTH_URL: BASE_URL,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort(PORT)}`,
      NEXT_TELEMETRY_DISABLED: "1",
      // As behind one reverse proxy: a test plays the proxy by appending an address to X-Forwarded-For
      // (e2e/request-edge.spec.ts); the browser sends none, so every other test is the socket's address.
      TRUST_PROXY: "1",
      SEED_DEMO_DATA: "true",
      // The accounts only: the specs insert the keys they test (e2e/fixtures.ts), so a seeded key list would change what they see.
      DEMO_DATA: "accounts",
      // Specs run longer than 10 minutes: none of them should meet the step-up confirmation by accident.
      STEP_UP_MINUTES: "1440",
      // The request form's minimum fill time (lib/access-requests/form-token.ts): a test fills it faster than a person.
      ACCESS_REQUEST_MIN_FILL_SECONDS: "0",
      // What the key form's "Rate limit" starts with (e2e/rate-limit.spec.ts).
      DEFAULT_KEY_RATE_LIMIT: "600/minute",
    },
  },
});
