// A key's rate limit on the key form: it starts at DEFAULT_KEY_RATE_LIMIT (600/minute in the browser
// tests' server), is set when creating and changed when editing, is shown on the key's page, refuses
// a number that means nothing, and is what the API then applies (RateLimit-Policy).
import { expect, pageHeading, test, uniqueName } from "./fixtures";

test.describe("as the Owner of Acme", () => {
  test.use({ signedInAs: "owner" });

  test("sets a rate limit when creating a key, changes it when editing, and sees it on the key page and in the API's answers", async ({
    page,
  }) => {
    const name = uniqueName("Limited");
    await page.goto("/keys/new");
    await expect(pageHeading(page, "Create API key")).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
    // The default first, then the key's own.
    await expect(page.getByLabel("Rate limit", { exact: true })).toHaveValue("minute");
    await expect(page.getByLabel("Requests per minute")).toHaveValue("600");
    await page.getByLabel("Requests per minute").fill("0");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText("A rate limit allows at least 1 request.")).toBeVisible();
    await expect(page.getByLabel("Requests per minute")).toBeFocused();
    await page.getByLabel("Requests per minute").fill("120");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(pageHeading(page, "Save your secret key")).toBeVisible();
    const secret = await page.getByLabel("Secret key", { exact: true }).inputValue();
    await page.getByRole("button", { name: "I've saved it" }).click();
    await expect(pageHeading(page, name)).toBeVisible();
    const details = page.getByRole("definition").filter({ hasText: "requests per" });
    await expect(details).toHaveText("120 requests per minute");

    const answer = await page.request.get("/api/v1/key", { headers: { authorization: `Bearer ${secret}` } });
    expect(answer.status()).toBe(200);
    expect(answer.headers()["ratelimit-policy"]).toBe('"key";q=120;w=60');
    expect(answer.headers().ratelimit).toMatch(/^"key";r=119;t=(60|59)$/);

    await page.getByRole("link", { name: "Edit" }).click();
    await expect(pageHeading(page, `Edit ${name}`)).toBeVisible();
    await expect(page.getByLabel("Requests per minute")).toHaveValue("120");
    await page.getByLabel("Rate limit", { exact: true }).selectOption({ label: "Per second" });
    await page.getByLabel("Requests per second").fill("5");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved. They apply from the key's next request.")).toBeVisible();
    await expect(pageHeading(page, name)).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: "requests per" })).toHaveText("5 requests per second");
    await expect(page.getByText("rate limit 120 requests per minute -> 5 requests per second, by owner@acme.test")).toBeVisible();

    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Rate limit", { exact: true }).selectOption({ label: "No limit" });
    await expect(page.getByLabel("Requests per second")).toHaveCount(0);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved. They apply from the key's next request.")).toBeVisible();
    await expect(
      page
        .getByRole("term")
        .filter({ hasText: /^Rate limit$/ })
        .locator("xpath=following-sibling::dd"),
    ).toHaveText("No limit");
    const unlimited = await page.request.get("/api/v1/key", { headers: { authorization: `Bearer ${secret}` } });
    expect(unlimited.headers().ratelimit).toBeUndefined();
  });
});
