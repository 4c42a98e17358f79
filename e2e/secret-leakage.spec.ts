// Secret leakage, end to end: a key is created in the dashboard, used with curl-like API calls,
// rotated and revoked in the dashboard. Then the plaintext of both secrets is searched for in the
// SQLite file and its write-ahead log, the server's log, every page's HTML and RSC payload, the
// dashboard's JSON reads, every response the browser received and every API response. Each secret may
// appear in exactly one place: the one response that reveals it.
import type { APIRequestContext, Page } from "@playwright/test";
import { DASHBOARD_PAGES, databaseFiles, expect, insertApiKeys, pageHeading, serverLog, test, uniqueName, withDatabase } from "./fixtures";

const SECRET_PATTERN = /^ksk_[0-9A-Za-z]{36}$/;

/**
 * Every response the browser received, with its whole body, for the whole test. The requests go
 * through a route that fetches and then fulfils them, so a body is kept even when the page navigates
 * away before it would have been read (the rotate dialog does, right after its action answers).
 */
async function recordResponses(page: Page) {
  const seen: { what: string; body: string; revealing: boolean }[] = [];
  await page.route("**/*", async (route) => {
    const request = route.request();
    const fetched = await route.fetch().then(
      async (response) => ({ response, body: await response.text() }),
      () => null,
    );
    // The connection failed between this harness and the server (a reused keep-alive socket the server
    // had just closed): the browser sees a failed request, as it would have without the route.
    if (!fetched) return route.abort().catch(() => undefined);
    const { response, body } = fetched;
    seen.push({
      what: `${response.status()} ${request.method()} ${request.url()}`,
      body,
      // Server actions answer a POST with the Next-Action header: create and rotate reveal there.
      revealing: request.method() === "POST" && request.headers()["next-action"] !== undefined,
    });
    await route.fulfill({ response, body });
  });
  return () => seen;
}

async function revealedSecret(scope: Page | ReturnType<Page["getByRole"]>): Promise<string> {
  const field = scope.getByLabel("Secret key", { exact: true });
  await expect(field).toHaveValue(SECRET_PATTERN);
  return field.inputValue();
}

/** The calls an integration makes with a read-only key: allowed, denied, missing, mistyped. Returns every answer. */
async function useKey(request: APIRequestContext, secret: string): Promise<string[]> {
  const typo = `${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
  const calls: [string, string, string, object?][] = [
    ["GET", "/api/v1/key", secret],
    ["GET", "/api/v1/profiles?limit=5", secret],
    ["GET", "/api/v1/profiles/c0000000000000000missing", secret],
    ["POST", "/api/v1/profiles", secret, { data: { attributes: { email: "ada@example.test" } } }],
    ["DELETE", "/api/v1/profiles/c0000000000000000missing", secret],
    ["GET", "/api/v1/wallets", secret],
    ["GET", "/api/v1/profiles", typo],
  ];
  const answers: string[] = [];
  for (const [method, path, key, data] of calls) {
    const response = await request.fetch(path, { method, headers: { authorization: `Bearer ${key}` }, data });
    expect(response.status(), `${method} ${path}`).toBeLessThan(500);
    answers.push(`${response.status()} ${JSON.stringify(response.headers())} ${await response.text()}`);
  }
  return answers;
}

const AS_HTML_AND_RSC: Record<string, string>[] = [{}, { rsc: "1" }, { rsc: "1", "next-router-prefetch": "1" }];

/** The plaintext, and the random part of it on its own (what a truncated or re-encoded copy would hold). */
const formsOf = (secret: string) => [secret, secret.slice("ksk_".length, -6)];

test.describe("a key's whole life", () => {
  test.use({ signedInAs: "owner", permissions: ["clipboard-read", "clipboard-write"] });

  test("leaves its secret nowhere but the one response that reveals it", async ({ page, request }) => {
    test.setTimeout(90_000);
    const responses = await recordResponses(page);
    const name = uniqueName("Leak check");

    // Create (Read-only, so the API calls below are allowed and denied).
    await page.goto("/keys/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
    await page.getByRole("button", { name: "Create key" }).click();
    const first = await revealedSecret(page);
    await page.getByRole("button", { name: "I've saved it" }).click();
    await page.waitForURL((url) => /^\/keys\/[^/]+$/.test(url.pathname) && url.pathname !== "/keys/new");
    await expect(pageHeading(page, name)).toBeVisible();
    const firstId = new URL(page.url()).pathname.split("/").pop()!;

    const apiAnswers = await useKey(request, first);

    // Rotate with a grace period, so both keys work for a while; use the new one too.
    await page.getByRole("button", { name: "Rotate" }).click();
    const rotate = page.getByRole("dialog", { name: `Rotate ${name}` });
    await rotate.getByRole("radiogroup", { name: "Old key keeps working" }).getByRole("radio", { name: "1 hour", exact: true }).click();
    await rotate.getByRole("button", { name: "Rotate key" }).click();
    const reveal = page.getByRole("dialog", { name: "Save your new secret key" });
    const second = await revealedSecret(reveal);
    await reveal.getByRole("button", { name: "I've saved it" }).click();
    await expect(reveal).toHaveCount(0);
    expect(second).not.toBe(first);
    await page.waitForURL((url) => !url.pathname.endsWith(`/${firstId}`));
    const secondId = new URL(page.url()).pathname.split("/").pop()!;
    apiAnswers.push(...(await useKey(request, second)), ...(await useKey(request, first)));

    // Revoke the live key; both are used once more (refused or not, the answers are searched).
    await page.getByRole("button", { name: "Revoke" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Revoke ${name}?` });
    await confirm.getByLabel("Reason (optional)").fill("leak check");
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Revoke" })).toHaveCount(0);
    apiAnswers.push(...(await useKey(request, second)), ...(await useKey(request, first)));

    // Every page a member can open, and the JSON reads behind the usage views, as HTML and as RSC.
    const paths = [
      ...DASHBOARD_PAGES.map((p) => p.path),
      "/keys?status=revoked",
      "/keys/new",
      `/keys/${firstId}`,
      `/keys/${secondId}`,
      `/usage?keyId=${secondId}`,
      `/api/internal/usage?keyId=${firstId}`,
      `/api/internal/usage/requests?keyId=${firstId}`,
      `/api/internal/usage/requests?keyId=${secondId}`,
      `/api/internal/usage/unused-scopes?keyId=${secondId}`,
      "/api/internal/usage/unused-scopes",
      "/api/auth/session",
    ];
    const served: string[] = [];
    for (const path of paths) {
      for (const headers of AS_HTML_AND_RSC) {
        const response = await page.request.get(path, { headers });
        expect(response.status(), path).toBeLessThan(500);
        served.push(`${path} ${JSON.stringify(headers)}: ${await response.text()}`);
      }
    }

    // Every API call is in the request log before the files are read (usage is written in batches).
    await expect
      .poll(() =>
        withDatabase(
          (db) => (db.prepare(`SELECT count(*) AS n FROM "ApiRequest" WHERE keyId IN (?, ?)`).get(firstId, secondId) as { n: number }).n,
        ),
      )
      // Of each round of 7 calls, the unknown route and the mistyped key are not the key's.
      .toBeGreaterThanOrEqual((apiAnswers.length / 7) * 5);

    const browserResponses = responses();
    for (const secret of [first, second]) {
      const revealedIn = browserResponses.filter((r) => r.body.includes(secret));
      expect(
        revealedIn.map((r) => r.what),
        "the secret is in exactly one response",
      ).toHaveLength(1);
      expect(revealedIn[0]!.revealing, `${revealedIn[0]!.what} is the action that reveals it`).toBe(true);
      for (const form of formsOf(secret)) {
        for (const r of browserResponses.filter((b) => !b.revealing)) expect(r.body, r.what).not.toContain(form);
        for (const text of served) expect(text.includes(form), text.slice(0, 120)).toBe(false);
        for (const answer of apiAnswers) expect(answer.includes(form), answer.slice(0, 200)).toBe(false);
        for (const { file, bytes } of databaseFiles()) expect(bytes.includes(form), `${file} holds it`).toBe(false);
        expect(serverLog().includes(form), "the server log holds it").toBe(false);
      }
    }
  });
});

test("a key sent in the URL path or in a padded query value is refused and never stored", async ({ request }) => {
  const [key] = insertApiKeys("Acme", [{ name: uniqueName("Key in URL"), usable: true, scopes: ["profiles:read"] }]);
  const secret = key!.secret!;
  for (const path of [`/api/v1/profiles/${secret}`, `/api/v1/profiles?x=${encodeURIComponent(` ${secret}`)}`]) {
    const response = await request.get(path, { headers: { authorization: `Bearer ${secret}` } });
    expect(response.status(), path).toBe(401);
  }
  await expect
    .poll(() => withDatabase((db) => db.prepare(`SELECT count(*) AS n FROM "ApiRequest" WHERE path LIKE ?`).get("%profiles%")))
    .toBeTruthy();
  for (const form of formsOf(secret)) {
    for (const { file, bytes } of databaseFiles()) expect(bytes.includes(form), `${file} holds it`).toBe(false);
    expect(serverLog().includes(form), "the server log holds it").toBe(false);
  }
});
