// The whole onboarding path, each person in a browser of their own: an integrator without an account
// asks for access; the Owner approves it and makes a one-time handover link instead of pasting the
// secret into a chat; the integrator's browser opens it and sees the secret once; any later browser
// sees only that it was used. Every step is in the workspace's audit log.
import { fromFreshAddress, sendRequest, unique } from "./access-request-helpers";
import { expect, pageHeading, test } from "./fixtures";
import { createHandoverLink, openElsewhere } from "./handover-helpers";

test.use({ signedInAs: "owner" });

test("request -> approve -> handover -> first open shows the secret -> second open reveals nothing, all audited", async ({
  page,
  browser,
  baseURL,
}) => {
  // Four browsers: more than the default 30 s on a busy machine.
  test.slow();
  const requester = unique("Olga Onboarding");
  const integrator = await browser.newContext({ baseURL });
  const integratorPage = await integrator.newPage();
  await fromFreshAddress(integratorPage);
  await sendRequest(integratorPage, { name: requester, company: "Path Co" });

  await page.goto("/requests");
  await page.getByRole("link", { name: `${requester} (Path Co)` }).click();
  await expect(pageHeading(page, `Request from ${requester}`)).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(`${requester} sync`);
  // The reviewer grants less than asked (Profiles read, not Full access), as a careful Owner does.
  await page.getByRole("radiogroup", { name: "Profiles", exact: true }).getByRole("radio", { name: "Read" }).click();
  await page.getByRole("button", { name: "Approve and create key" }).click();
  await expect(pageHeading(page, "Save your secret key")).toBeVisible();
  const secret = await page.getByLabel("Secret key", { exact: true }).inputValue();
  const link = await createHandoverLink(page);
  expect(link).not.toContain(secret);

  // The integrator opens the link the Owner sent: the secret, once.
  await integratorPage.goto(link);
  await expect(pageHeading(integratorPage, "Key handover")).toBeVisible();
  await expect(integratorPage.getByLabel("Secret key", { exact: true })).toHaveValue(secret);
  await integrator.close();

  // Whoever opens it next (a chat log, a forwarded mail) learns nothing.
  const later = await openElsewhere(browser, link);
  await expect(later.getByRole("heading", { level: 2, name: "This link was already used", exact: true })).toBeVisible();
  await expect(later.getByLabel("Secret key", { exact: true })).toHaveCount(0);
  expect(await later.content()).not.toContain(secret);
  await later.context().close();

  await page.getByRole("button", { name: "I've saved it" }).click();
  await expect(pageHeading(page, `${requester} sync`)).toBeVisible();
  await page.goto("/audit");
  const entries = page.getByRole("main").getByRole("listitem");
  const key = `key '${requester} sync'`;
  for (const said of [
    `Access request received: ${requester} (Path Co)`,
    `Access request approved: ${requester} (Path Co)`,
    `Created a one-time handover link for ${key}`,
    `The handover link for ${key} was opened; its secret was shown once`,
  ])
    await expect(entries.filter({ hasText: said }).first()).toBeVisible();
});
