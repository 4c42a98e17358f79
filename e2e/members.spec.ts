import type { Locator, Page } from "@playwright/test";
import {
  addMembership,
  DASHBOARD_PAGES,
  expect,
  pageHeading,
  resetDemoRoles,
  signIn,
  test,
  USERS,
  waitForMail,
  workspaceSwitcher,
} from "./fixtures";

const LAST_OWNER = "A workspace needs at least one Owner. Make another member Owner first.";

function membersTable(page: Page): Locator {
  return page.getByRole("table", { name: /^Members of / });
}

/** The table row of one member, found by their email. */
function memberRow(page: Page, email: string): Locator {
  return membersTable(page).getByRole("row").filter({ hasText: email });
}

/** The role badge is the second cell of a member's row. */
function roleCell(page: Page, email: string): Locator {
  return memberRow(page, email).getByRole("cell").nth(1);
}

/**
 * Presses an arrow key in a Radix radio group the way a person does: Radix moves focus in a task after
 * keydown and checks the radio only if the key is still down then, so release it once focus has moved.
 */
async function pressArrow(page: Page, key: "ArrowUp" | "ArrowDown", next: Locator) {
  await page.keyboard.down(key);
  await expect(next).toBeFocused();
  await page.keyboard.up(key);
  await expect(next).toBeChecked();
}

/** Presses Tab until `target` has focus; fails if it is not reached within `max` presses. */
async function tabTo(page: Page, target: Locator, max = 30) {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test.describe("as the Owner of Acme", () => {
  test.use({ signedInAs: "owner" });
  test.afterEach(() => resetDemoRoles());

  test("lists every member with name, email and role", async ({ page }) => {
    await page.goto("/members");
    await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
    for (const user of [USERS.owner, USERS.admin, USERS.support]) {
      await expect(memberRow(page, user.email)).toContainText(user.name);
      await expect(roleCell(page, user.email)).toHaveText(user.role);
      await expect(page.getByRole("button", { name: `Change role of ${user.name}`, exact: true })).toHaveText("Change role");
      await expect(page.getByRole("button", { name: `Remove ${user.name}`, exact: true })).toHaveText("Remove");
    }
    await expect(membersTable(page).getByRole("row")).toHaveCount(4); // header + 3 members
  });

  test("changes Adam Admin to Support and back with the mouse", async ({ page }) => {
    await page.goto("/members");
    const { admin } = USERS;

    for (const [from, to] of [
      ["Admin", "Support"],
      ["Support", "Admin"],
    ] as const) {
      await page.getByRole("button", { name: `Change role of ${admin.name}` }).click();
      const dialog = page.getByRole("dialog", { name: `Change role of ${admin.name}` });
      await expect(dialog).toBeVisible();
      const roles = dialog.getByRole("radiogroup", { name: "Role" });
      await expect(roles.getByRole("radio", { name: from })).toBeChecked();
      await expect(dialog.getByRole("button", { name: "Save role" })).toBeDisabled(); // nothing changed yet
      await roles.getByRole("radio", { name: to }).click();
      await expect(roles.getByRole("radio", { name: to })).toBeChecked();
      await dialog.getByRole("button", { name: "Save role" }).click();

      await expect(page.getByText(`${admin.name} is now ${to}.`)).toBeVisible();
      await expect(dialog).toBeHidden();
      await expect(roleCell(page, admin.email)).toHaveText(to);
      await page.reload();
      await expect(roleCell(page, admin.email)).toHaveText(to);
    }
  });

  test("changes a role with the keyboard only", async ({ page }) => {
    await page.goto("/members");
    const { support } = USERS;
    const trigger = page.getByRole("button", { name: `Change role of ${support.name}` });
    const dialog = page.getByRole("dialog", { name: `Change role of ${support.name}` });
    const roles = dialog.getByRole("radiogroup", { name: "Role" });

    // Support -> Admin: Tab to the button, Enter opens, focus is on the checked radio, ArrowUp picks Admin.
    await tabTo(page, trigger);
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await expect(roles.getByRole("radio", { name: "Support" })).toBeFocused();
    await pressArrow(page, "ArrowUp", roles.getByRole("radio", { name: "Admin" }));
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Save role" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByText(`${support.name} is now Admin.`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(roleCell(page, support.email)).toHaveText("Admin");

    // Escape closes without saving. (Focus does not return to the button yet: see the test below.)
    await tabTo(page, trigger);
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await pressArrow(page, "ArrowDown", roles.getByRole("radio", { name: "Support" }));
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(roleCell(page, support.email)).toHaveText("Admin");

    // Admin -> Support: ArrowUp to Owner, ArrowDown twice to Support, Space, Tab to Save role, Space.
    await tabTo(page, trigger);
    await page.keyboard.press("Enter");
    await expect(roles.getByRole("radio", { name: "Admin" })).toBeFocused();
    await pressArrow(page, "ArrowUp", roles.getByRole("radio", { name: "Owner" }));
    await pressArrow(page, "ArrowDown", roles.getByRole("radio", { name: "Admin" }));
    await pressArrow(page, "ArrowDown", roles.getByRole("radio", { name: "Support" }));
    await page.keyboard.press("Space");
    await expect(roles.getByRole("radio", { name: "Support" })).toBeChecked();
    await tabTo(page, dialog.getByRole("button", { name: "Save role" }), 3);
    await page.keyboard.press("Space");
    await expect(page.getByText(`${support.name} is now Support.`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(roleCell(page, support.email)).toHaveText("Support");
    await page.reload();
    await expect(roleCell(page, support.email)).toHaveText("Support");
  });

  test("an invitation is also emailed to the invitee, with the link the dialog shows", async ({ page }) => {
    const email = `mailed-${Date.now()}@example.test`;
    await page.goto("/members");
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite member" });
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByRole("radiogroup", { name: "Role" }).getByRole("radio", { name: "Support" }).click();
    await dialog.getByRole("button", { name: "Create invitation" }).click();
    const link = await dialog.getByLabel("Invitation link").inputValue();
    await expect(dialog.getByText(`We emailed it to ${email}.`, { exact: false })).toBeVisible();
    const mail = await waitForMail(email);
    expect(mail.subject).toBe("You are invited to Acme on Keysmith");
    expect(mail.text).toContain(link);
    expect(mail.text).toContain("as Support");
    await dialog.getByRole("button", { name: "Done" }).click();
    await page.getByRole("button", { name: `Revoke invitation for ${email}` }).click();
    await expect(page.getByRole("button", { name: `Revoke invitation for ${email}` })).toHaveCount(0);
  });

  test("closing a dialog returns focus to the button that opened it", async ({ page }) => {
    await page.goto("/members");
    const trigger = page.getByRole("button", { name: `Change role of ${USERS.support.name}` });
    await trigger.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(trigger).toBeFocused({ timeout: 2_000 });
  });

  test("the last Owner can neither demote nor remove herself", async ({ page }) => {
    await page.goto("/members");
    const { owner } = USERS;

    await page.getByRole("button", { name: `Change role of ${owner.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Change role of ${owner.name}` });
    await dialog.getByRole("radio", { name: "Admin" }).click();
    await expect(dialog.getByText("You are changing your own role: you will lose Owner rights.")).toBeVisible();
    await dialog.getByRole("button", { name: "Save role" }).click();
    await expect(dialog.getByRole("alert").filter({ hasText: LAST_OWNER })).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole("button", { name: `Remove ${owner.name}` }).click();
    const confirm = page.getByRole("alertdialog", { name: `Remove ${owner.name} from Acme?` });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused(); // the safe choice first
    await confirm.getByRole("button", { name: "Remove member" }).click();
    await expect(confirm.getByRole("alert").filter({ hasText: LAST_OWNER })).toBeVisible();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();

    await page.reload();
    await expect(roleCell(page, owner.email)).toHaveText("Owner");
    await expect(membersTable(page).getByRole("row")).toHaveCount(4);
    await expect(page.getByRole("button", { name: `Change role of ${owner.name}` })).toBeVisible(); // still an Owner
  });
});

for (const key of ["admin", "support"] as const) {
  test(`${USERS[key].role} sees the members but cannot change them`, async ({ page }) => {
    await signIn(page, USERS[key]);
    await page.goto("/members");
    await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
    await expect(page.getByText("Only an Owner can change roles.")).toBeVisible();
    for (const user of [USERS.owner, USERS.admin, USERS.support]) {
      await expect(roleCell(page, user.email)).toHaveText(user.role);
    }
    await expect(page.getByRole("button", { name: /^Change role/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  });
}

test("the Owner of Globex sees only Globex, on every page", async ({ page }) => {
  await signIn(page, USERS.globex);
  await page.goto("/members");
  await expect(workspaceSwitcher(page, "Globex")).toBeVisible();
  await expect(membersTable(page).getByRole("row")).toHaveCount(2);
  await expect(roleCell(page, USERS.globex.email)).toHaveText("Owner");

  const acme = [USERS.owner, USERS.admin, USERS.support];
  for (const { path, title } of DASHBOARD_PAGES) {
    await page.goto(path);
    await expect(pageHeading(page, title)).toBeVisible();
    // Neither the rendered page nor the data shipped with it mentions Acme or its people.
    const html = await page.content();
    for (const user of acme) {
      expect(html).not.toContain(user.email);
      expect(html).not.toContain(user.name);
    }
    expect(html).not.toContain("Acme");
  }
  await workspaceSwitcher(page, "Globex").click();
  await expect(page.getByRole("menuitemradio")).toHaveText(["Globex · Owner"]);
  await page.keyboard.press("Escape");
});

test.describe("a member of two workspaces", () => {
  let removeMembership: (() => void) | undefined;
  test.afterEach(() => {
    removeMembership?.();
    removeMembership = undefined;
  });

  test("switches between Acme and Globex and the members list follows", async ({ page }) => {
    const { support } = USERS;
    removeMembership = addMembership(support.email, "Globex", "Admin");
    await signIn(page, support);
    await page.goto("/members");
    await expect(workspaceSwitcher(page, "Acme")).toBeVisible();
    await expect(memberRow(page, USERS.owner.email)).toBeVisible();

    await workspaceSwitcher(page, "Acme").click();
    await expect(page.getByRole("menuitemradio", { name: "Acme · Support" })).toBeChecked();
    await page.getByRole("menuitemradio", { name: "Globex · Admin" }).click();

    await expect(workspaceSwitcher(page, "Globex")).toBeVisible();
    await expect(page).toHaveURL((url) => url.pathname === "/members");
    await expect(membersTable(page)).toHaveAccessibleName("Members of Globex");
    await expect(roleCell(page, USERS.globex.email)).toHaveText("Owner");
    await expect(roleCell(page, support.email)).toHaveText("Admin");
    await expect(memberRow(page, USERS.owner.email)).toHaveCount(0);
    await expect(userMenuRole(page)).toBeVisible();

    // The choice is kept by the server-side session, not the page.
    await page.reload();
    await expect(workspaceSwitcher(page, "Globex")).toBeVisible();
    await expect(memberRow(page, USERS.admin.email)).toHaveCount(0);

    await workspaceSwitcher(page, "Globex").click();
    await page.getByRole("menuitemradio", { name: "Acme · Support" }).click();
    await expect(workspaceSwitcher(page, "Acme")).toBeVisible();
    await expect(membersTable(page)).toHaveAccessibleName("Members of Acme");
    await expect(roleCell(page, support.email)).toHaveText("Support");
    await expect(memberRow(page, USERS.globex.email)).toHaveCount(0);
  });
});

/** In Globex, Sam Support is an Admin: the header's user menu says so. */
function userMenuRole(page: Page): Locator {
  return page.getByRole("button", { name: `User menu for ${USERS.support.name}` }).getByText("Admin", { exact: true });
}
