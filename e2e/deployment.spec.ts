// The README's deployment, started as written (lib/testing/deployment.ts): two instances on one
// PostgreSQL database and Redis behind nginx with examples/deploy/nginx.conf. A person uses the
// dashboard through nginx, whichever instance answers; a key made there works on both; its revocation
// is refused by both within the key cache's bound.
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { BALANCER_URL, type Deployment, INSTANCE_PORTS, startDeployment } from "@/lib/testing/deployment";

const OWNER = { email: "owner@acme.test", password: "keysmith-demo" };
const instanceUrl = (port: number) => `http://127.0.0.1:${port}`;

let deployment: Deployment;

test.describe.configure({ mode: "serial" });
test.use({ baseURL: BALANCER_URL });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  deployment = await startDeployment({
    dir: ".tmp/deployment",
    env: { SEED_DEMO_DATA: "true", DEMO_DATA: "accounts", STEP_UP_MINUTES: "1440" },
  });
});

test.afterAll(async () => {
  await deployment?.stop();
});

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

async function status(url: string, secret: string): Promise<number> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
  await response.arrayBuffer();
  return response.status;
}

test("two instances behind nginx serve one dashboard, one session and one key, and both refuse it once revoked", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);

  // The session lives in the database: each instance, asked directly, knows who is signed in.
  for (const port of INSTANCE_PORTS) {
    await page.goto(`${instanceUrl(port)}/keys`);
    await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  }

  // A key made through nginx, by whichever instance takes each request.
  await page.goto("/keys/new");
  const name = `Deployment check ${Date.now()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  const field = page.getByLabel("Secret key", { exact: true });
  await expect(field).toHaveValue(/^ksk_/);
  const secret = await field.inputValue();
  await page.getByRole("button", { name: "I've saved it" }).click();
  await page.waitForURL((url) => /^\/keys\/[^/]+$/.test(url.pathname) && url.pathname !== "/keys/new");

  // Every instance takes it, directly and round robin through nginx (which also caches it on both).
  const profiles = "/api/v1/profiles";
  for (const port of INSTANCE_PORTS) expect(await status(`${instanceUrl(port)}${profiles}`, secret)).toBe(200);
  for (let i = 0; i < 4; i++) expect(await status(`${BALANCER_URL}${profiles}`, secret)).toBe(200);

  // nginx appends the client's address and TRUST_PROXY=1 reads that entry: an address the caller
  // writes itself is not believed (its usage row says loopback, where this test runs).
  const forged = await fetch(`${BALANCER_URL}${profiles}`, {
    headers: { authorization: `Bearer ${secret}`, "x-forwarded-for": "203.0.113.99" },
  });
  expect(forged.status).toBe(200);
  const requestId = forged.headers.get("request-id");
  const database = new pg.Client({ connectionString: deployment.databaseUrl });
  await database.connect();
  try {
    const recordedAddress = async () => (await database.query(`SELECT ip FROM "ApiRequest" WHERE id = $1`, [requestId])).rows[0]?.ip;
    await expect.poll(recordedAddress, { timeout: 5_000 }).toBe("127.0.0.1");
  } finally {
    await database.end();
  }

  // Revoked through nginx: every instance refuses it within the cache's bound (a notification, at
  // most the 5 s TTL), asked directly.
  await page.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke ${name}?` });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("main").locator("header").getByText("Revoked", { exact: true })).toBeVisible();
  for (const port of INSTANCE_PORTS) {
    await expect.poll(() => status(`${instanceUrl(port)}${profiles}`, secret), { timeout: 5_000, intervals: [10] }).toBe(401);
  }
  expect(await status(`${BALANCER_URL}${profiles}`, secret)).toBe(401);
});
