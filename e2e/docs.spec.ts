// /docs, the API reference: a contents list that leads to every part, response examples that are what
// the API really answers, pagination and error notes, a copy button on every example, and the link to
// it from the reveal screen, which opens beside the secret instead of replacing it.
import type { Page } from "@playwright/test";
import { expectNoAxeViolations, expectNoHorizontalOverflow } from "./axe";
import { expect, insertApiKeys, pageHeading, test, uniqueName } from "./fixtures";

// The resource the shared examples use: the catalog's first that can be read and changed.
const SAMPLE = "tracking-settings";

/** The JSON an example shows as the API's answer. */
async function exampleResponse(page: Page, exampleId: string): Promise<Record<string, unknown>> {
  const text = await page.locator(`#${exampleId} pre`).nth(1).textContent();
  return JSON.parse(text ?? "");
}

const sortedKeys = (value: unknown) => Object.keys(value as object).sort();

test.use({ signedInAs: "owner" });

test("the contents list leads to each part and each resource", async ({ page }) => {
  await page.goto("/docs");
  await expect(pageHeading(page, "API reference")).toBeVisible();
  const contents = page.getByRole("navigation", { name: "Contents" });
  for (const part of ["Authentication", "Responses", "Pagination", "Errors", "Audience"]) {
    await contents.getByRole("link", { name: part, exact: true }).click();
    await expect(page.getByRole("heading", { level: 2, name: part, exact: true })).toBeInViewport();
  }
  await contents.getByRole("link", { name: "Profiles", exact: true }).click();
  await expect(page).toHaveURL(/#resource-profiles$/);
  await expect(page.getByRole("heading", { level: 3, name: /^Profiles/ })).toBeInViewport();
  await expectNoAxeViolations(page);
});

test.describe("with the clipboard", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("every example has a copy button with a name of its own, and copying puts the example on the clipboard", async ({ page }) => {
    await page.goto("/docs");
    const buttons = page.getByRole("main").getByRole("button", { name: /^Copy / });
    const names = (await buttons.allTextContents()).map((name) => name.trim());
    expect(names.length, "one per resource and more").toBeGreaterThan(24);
    expect(new Set(names).size, "no two alike").toBe(names.length);
    expect(names).toContain("Copy example: List profiles");
    expect(names).toContain("Copy example: List tracking settings");
    expect(names).toContain("Copy response: A page of records");
    expect(names).toContain("Copy curl snippet");
    // Every example on the page, request and answer, has its button.
    expect(names.length).toBe(await page.getByRole("main").locator("pre").count());

    // Clicked again until it says "Copied": a click before the page has hydrated does nothing.
    await expect(async () => {
      await page.getByRole("button", { name: "Copy example: List profiles" }).click();
      await expect(page.getByRole("button", { name: "Copied example: List profiles" })).toBeVisible({ timeout: 1000 });
    }).toPass();
    await expect(page.getByText("Example copied")).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('-H "Authorization: Bearer $KEYSMITH_KEY"');
    expect(copied).toContain("/api/v1/profiles?limit=20");
  });
});

test("the response, pagination and error examples are what the API answers", async ({ page, request }) => {
  const [writer, reader] = insertApiKeys("Acme", [
    { name: uniqueName("Docs writer"), scopes: [`${SAMPLE}:write`], usable: true },
    { name: uniqueName("Docs reader"), scopes: [`${SAMPLE}:read`], usable: true },
  ]);
  const auth = (secret: string | undefined) => ({ authorization: `Bearer ${secret}` });
  for (const name of ["one", "two", "three"]) {
    const created = await request.post(`/api/v1/${SAMPLE}`, { headers: auth(writer!.secret), data: { data: { attributes: { name } } } });
    expect(created.status()).toBe(201);
  }
  const firstPage = await request.get(`/api/v1/${SAMPLE}?limit=2`, { headers: auth(writer!.secret) });
  const page1 = await firstPage.json();
  const refused = await request.post(`/api/v1/${SAMPLE}`, { headers: auth(reader!.secret), data: { data: { attributes: {} } } });
  expect(refused.status()).toBe(403);
  const refusal = (await refused.json()).errors[0];

  await page.goto("/docs");
  const list = await exampleResponse(page, "response-list");
  expect(sortedKeys(list)).toEqual(sortedKeys(page1));
  const [example, real] = [(list.data as unknown[])[0], page1.data[0]];
  expect(sortedKeys(example)).toEqual(sortedKeys(real));
  expect(sortedKeys((example as { meta: object }).meta)).toEqual(sortedKeys(real.meta));
  expect(sortedKeys(list.links)).toEqual(sortedKeys(page1.links));
  const nextOf = (links: unknown) => (links as { next: string }).next.replace(/cursor=[^&]+/, "cursor=…");
  expect(nextOf(list.links)).toBe(nextOf(page1.links));

  // The next page's example ends the list, as the real last page does.
  let last = page1;
  while (last.links.next) last = await (await request.get(last.links.next, { headers: auth(writer!.secret) })).json();
  const next = await exampleResponse(page, "pagination-next");
  expect(sortedKeys(next.links)).toEqual(sortedKeys(last.links));
  expect((next.links as { next: unknown }).next).toBeNull();

  const error = ((await exampleResponse(page, "error-permission")).errors as Record<string, unknown>[])[0]!;
  expect(sortedKeys(error)).toEqual(sortedKeys(refusal));
  expect({ ...error, id: "" }).toEqual({ ...refusal, id: "" });

  // The error table lists what the API said, word for word.
  const errors = page.getByRole("table", { name: "Errors the API answers with" });
  await expect(errors.getByRole("row").filter({ hasText: refusal.detail })).toContainText("permission_denied");
});

test("the reveal screen links to the reference in a new tab, leaving the secret where it is", async ({ page }) => {
  await page.goto("/keys/new");
  await page.getByLabel("Name", { exact: true }).fill(uniqueName("Docs link"));
  await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = page.getByLabel("Secret key", { exact: true });
  await expect(secret).toHaveValue(/^ksk_/);

  const link = page.getByRole("link", { name: "API reference (opens in a new tab)" });
  await expect(link).toHaveAttribute("target", "_blank");
  const [reference] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
  await expect(pageHeading(reference, "API reference")).toBeVisible();
  await reference.close();
  // No leave prompt, and the secret is still on screen.
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(secret).toHaveValue(/^ksk_/);
});

test.describe("at 375 px", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("/docs fits the screen and has no axe violations", async ({ page }) => {
    await page.goto("/docs");
    await expect(pageHeading(page, "API reference")).toBeVisible();
    await expectNoHorizontalOverflow(page, 375);
    await expectNoAxeViolations(page);
  });
});
