// Shared fixtures for the browser tests: the demo users, signing in and out, a guard that fails any
// test during which the app answered with a 5xx or the page threw, and direct access to the e2e
// SQLite database for setups the UI cannot make yet (a second membership).
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, test as base, expect, type Locator, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { displayParts, generateKey, hashKey } from "../lib/api-keys/key-format";
import { MAIL_DIR } from "./mail-sink";

export { expect };

export const DEMO_PASSWORD = "keysmith-demo";

export type RoleLabel = "Owner" | "Admin" | "Support";
export type DemoUser = { email: string; name: string; role: RoleLabel; workspace: "Acme" | "Globex" };

/** The people lib/seed/demo-data.ts puts into an empty database. */
export const USERS = {
  owner: { email: "owner@acme.test", name: "Olivia Owner", role: "Owner", workspace: "Acme" },
  admin: { email: "admin@acme.test", name: "Adam Admin", role: "Admin", workspace: "Acme" },
  support: { email: "support@acme.test", name: "Sam Support", role: "Support", workspace: "Acme" },
  globex: { email: "owner@globex.test", name: "Gina Globex", role: "Owner", workspace: "Globex" },
} as const satisfies Record<string, DemoUser>;
export type UserKey = keyof typeof USERS;

/** The h1 of the default landing page: "Keys" while it is a placeholder, "API keys" once built. */
export const KEYS_TITLE = /^(API k|K)eys$/;

/** Every page of the dashboard with its h1. */
export const DASHBOARD_PAGES: readonly { path: string; title: string | RegExp; nav: string }[] = [
  { path: "/keys", title: KEYS_TITLE, nav: "Keys" },
  { path: "/usage", title: "Usage", nav: "Usage" },
  { path: "/audit", title: "Audit log", nav: "Audit log" },
  { path: "/members", title: "Members", nav: "Members" },
  { path: "/settings", title: "Settings", nav: "Settings" },
  { path: "/docs", title: "API reference", nav: "API docs" },
];

/** The h1 of a page, matched exactly when given as text. */
export function pageHeading(page: Page, title: string | RegExp): Locator {
  return page.getByRole("heading", { level: 1, name: title, exact: typeof title === "string" });
}

/** Signs in through the login form (navigating there first unless already on it) and waits to leave it. */
export async function signIn(page: Page, user: { email: string; password?: string }): Promise<void> {
  if (new URL(page.url()).pathname !== "/login") await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password ?? DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

/** The user menu button that is visible at the current width (top bar below 768 px, header above). */
export function userMenuButton(page: Page, user: DemoUser): Locator {
  return page.getByRole("button", { name: `User menu for ${user.name}`, exact: true });
}

export async function openUserMenu(page: Page, user: DemoUser): Promise<Locator> {
  await userMenuButton(page, user).click();
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  return menu;
}

export async function signOut(page: Page, user: DemoUser): Promise<void> {
  const menu = await openUserMenu(page, user);
  await menu.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/login");
}

export function workspaceSwitcher(page: Page, workspace: string): Locator {
  return page.getByRole("button", { name: `Workspace: ${workspace}. Switch workspace`, exact: true });
}

/** The page shows none of the texts of a crashed render. */
export async function expectNoErrorPage(page: Page): Promise<void> {
  const body = page.locator("body");
  await expect(body).not.toContainText("Internal Server Error");
  await expect(body).not.toContainText("Application error");
  await expect(body).not.toContainText(/\bat \S+ \(\S+:\d+:\d+\)/); // a stack frame
}

// ---------------------------------------------------------------------------------------------
// The e2e database (the file the webServer in playwright.config.ts starts on)

const DATABASE_FILE = fileURLToPath(new URL("../.tmp/e2e/keysmith.db", import.meta.url));

export function withDatabase<T>(work: (db: Database.Database) => T): T {
  const db = new Database(DATABASE_FILE, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const ROLE_VALUES: Record<RoleLabel, string> = { Owner: "OWNER", Admin: "ADMIN", Support: "SUPPORT" };

/**
 * Gives a demo user a membership in another workspace and returns the function that removes it.
 * createdAt is written in the same representation as the seeded rows (Prisma's SQLite adapter
 * stores DateTime as ISO text here).
 */
export function addMembership(email: string, workspaceName: string, role: RoleLabel): () => void {
  const id = `e2e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  withDatabase((db) => {
    const user = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(email) as { id: string } | undefined;
    const workspace = db.prepare(`SELECT id FROM "Workspace" WHERE name = ?`).get(workspaceName) as { id: string } | undefined;
    const sample = db.prepare(`SELECT createdAt FROM "Membership" LIMIT 1`).get() as { createdAt: string | number };
    if (!user || !workspace) throw new Error(`No user ${email} or workspace ${workspaceName} in the e2e database`);
    const now = new Date();
    const createdAt = typeof sample.createdAt === "number" ? now.getTime() : now.toISOString().replace("Z", "+00:00");
    db.prepare(`INSERT INTO "Membership" (id, workspaceId, userId, role, createdAt) VALUES (?, ?, ?, ?, ?)`).run(
      id,
      workspace.id,
      user.id,
      ROLE_VALUES[role],
      createdAt,
    );
  });
  return () => withDatabase((db) => db.prepare(`DELETE FROM "Membership" WHERE id = ?`).run(id));
}

/** Puts the demo users' roles back as seeded (a safety net for tests that change roles). */
export function resetDemoRoles(): void {
  withDatabase((db) => {
    const update = db.prepare(
      `UPDATE "Membership" SET role = ? WHERE role <> ? AND userId = (SELECT id FROM "User" WHERE email = ?)
         AND workspaceId = (SELECT id FROM "Workspace" WHERE name = ?)`,
    );
    for (const user of Object.values(USERS)) update.run(ROLE_VALUES[user.role], ROLE_VALUES[user.role], user.email, user.workspace);
  });
}

/** A timestamp in the representation the database already uses (sampled from a row Prisma wrote). */
function dateColumn(db: Database.Database, date: Date): string | number {
  const sample = (db.prepare(`SELECT createdAt FROM "ApiKey" LIMIT 1`).get() ??
    db.prepare(`SELECT createdAt FROM "Membership" LIMIT 1`).get()) as { createdAt: string | number };
  return typeof sample.createdAt === "number" ? date.getTime() : date.toISOString().replace("Z", "+00:00");
}

function e2eId(): string {
  return `e2e${Date.now().toString(36)}${randomBytes(6).toString("hex")}`;
}

let uniqueCounter = 0;
/** A name no other test (and no earlier call) uses: "<base> <run-unique suffix>". */
export function uniqueName(base: string): string {
  uniqueCounter += 1;
  return `${base} ${Date.now().toString(36).slice(-4)}${uniqueCounter}`;
}

export type FreshOwner = { email: string; name: string; workspace: string; workspaceId: string };

/**
 * A new workspace with no keys and one new user, its Owner, who signs in with the demo password.
 * For tests that need an empty workspace (the empty state) or exact counts, whatever ran before.
 */
export function createWorkspaceWithOwner(): FreshOwner {
  const suffix = randomBytes(3).toString("hex");
  const owner: FreshOwner = {
    email: `owner-${suffix}@initech.test`,
    name: `Ivy Initech ${suffix}`,
    workspace: `Initech ${suffix}`,
    workspaceId: e2eId(),
  };
  withDatabase((db) => {
    const demo = db.prepare(`SELECT passwordHash FROM "User" WHERE email = ?`).get(USERS.owner.email) as { passwordHash: string };
    const now = dateColumn(db, new Date());
    const userId = e2eId();
    db.transaction(() => {
      db.prepare(`INSERT INTO "Workspace" (id, name, slug, createdAt) VALUES (?, ?, ?, ?)`).run(
        owner.workspaceId,
        owner.workspace,
        `initech-${suffix}`,
        now,
      );
      // The same password as the demo users: the hash is copied, never computed here.
      db.prepare(`INSERT INTO "User" (id, email, name, passwordHash, createdAt) VALUES (?, ?, ?, ?, ?)`).run(
        userId,
        owner.email,
        owner.name,
        demo.passwordHash,
        now,
      );
      db.prepare(`INSERT INTO "Membership" (id, workspaceId, userId, role, createdAt) VALUES (?, ?, ?, ?, ?)`).run(
        e2eId(),
        owner.workspaceId,
        userId,
        "OWNER",
        now,
      );
    })();
  });
  return owner;
}

/** A new user, member of only this workspace with this role, who signs in with the demo password. */
export function addFreshMember(workspaceId: string, role: RoleLabel): { email: string; name: string } {
  const suffix = randomBytes(3).toString("hex");
  const member = { email: `member-${suffix}@initech.test`, name: `Milo Member ${suffix}` };
  withDatabase((db) => {
    const demo = db.prepare(`SELECT passwordHash FROM "User" WHERE email = ?`).get(USERS.owner.email) as { passwordHash: string };
    const now = dateColumn(db, new Date());
    const userId = e2eId();
    db.transaction(() => {
      db.prepare(`INSERT INTO "User" (id, email, name, passwordHash, createdAt) VALUES (?, ?, ?, ?, ?)`).run(
        userId,
        member.email,
        member.name,
        demo.passwordHash,
        now,
      );
      db.prepare(`INSERT INTO "Membership" (id, workspaceId, userId, role, createdAt) VALUES (?, ?, ?, ?, ?)`).run(
        e2eId(),
        workspaceId,
        userId,
        ROLE_VALUES[role],
        now,
      );
    })();
  });
  return member;
}

/**
 * Moves the last "Confirm it's you" of every session of a user back in time, so the next sensitive
 * change asks again (the e2e server allows a whole day between confirmations).
 */
export function ageConfirmations(email: string, confirmedAt: Date): void {
  withDatabase((db) => {
    db.prepare(`UPDATE "Session" SET confirmedAt = ? WHERE userId = (SELECT id FROM "User" WHERE email = ?)`).run(
      dateColumn(db, confirmedAt),
      email,
    );
  });
}

/** The id of a workspace given by name (e.g. "Acme") or already by id. */
function workspaceIdOf(db: Database.Database, workspace: string): string {
  const row = db.prepare(`SELECT id FROM "Workspace" WHERE name = ? OR id = ?`).get(workspace, workspace) as { id: string } | undefined;
  if (!row) throw new Error(`No workspace ${workspace} in the e2e database`);
  return row.id;
}

export type KeySeed = {
  name: string;
  description?: string;
  /** Normalized scopes, e.g. ["profiles:read"]; defaults to read on profiles. */
  scopes?: string[];
  createdAt?: Date;
  expiresAt?: Date | null;
  revoked?: { reason?: string; at?: Date };
  /** Give the key a real secret (returned once, like the dashboard does) so tests can call the API with it. */
  usable?: boolean;
};
export type SeededKey = { id: string; name: string; masked: string; secret?: string };

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function base62(length: number): string {
  return Array.from(randomBytes(length), (byte) => BASE62[byte % 62]).join("");
}

/**
 * Writes keys straight into the database, for setups that would take too long through the UI (a
 * second page of keys, every status). Unless `usable`, no secret exists for them: `hash` is the
 * SHA-256 of a random string that is not in the key format, so it is unique and matches no key anyone
 * can present. A usable key gets a real secret from the app's own key format.
 */
export function insertApiKeys(workspace: string, seeds: KeySeed[]): SeededKey[] {
  return withDatabase((db) => {
    const workspaceId = workspaceIdOf(db, workspace);
    const insert = db.prepare(
      `INSERT INTO "ApiKey" (id, workspaceId, name, description, hash, hashAlgorithm, prefix, last4, scopes, expirationPolicy,
         createdById, createdByLabel, createdAt, updatedAt, expiresAt, revokedAt, revokedByLabel, revokeReason)
       VALUES (?, ?, ?, ?, ?, 'sha256', ?, ?, ?, ?, NULL, 'e2e fixture', ?, ?, ?, ?, ?, ?)`,
    );
    return db.transaction(() =>
      seeds.map((seed) => {
        const id = e2eId();
        const secret = seed.usable ? generateKey() : undefined;
        const { prefix, last4 } = secret ? displayParts(secret) : { prefix: `ksk_${base62(4)}`, last4: base62(4) };
        const createdAt = dateColumn(db, seed.createdAt ?? new Date());
        const revokedAt = seed.revoked ? dateColumn(db, seed.revoked.at ?? new Date()) : null;
        insert.run(
          id,
          workspaceId,
          seed.name,
          seed.description ?? "",
          secret
            ? hashKey(secret)
            : createHash("sha256")
                .update(`e2e-fixture-not-a-key:${id}:${randomBytes(16).toString("hex")}`)
                .digest("hex"),
          prefix,
          last4,
          JSON.stringify(seed.scopes ?? ["profiles:read"]),
          seed.expiresAt ? "custom" : "never",
          createdAt,
          createdAt,
          seed.expiresAt ? dateColumn(db, seed.expiresAt) : null,
          revokedAt,
          seed.revoked ? "e2e fixture" : null,
          seed.revoked?.reason ?? null,
        );
        return { id, name: seed.name, masked: `${prefix}…${last4}`, secret };
      }),
    )();
  });
}

/** How many keys (any status) a workspace holds, optionally only those with this exact name. */
export type UsageSeed = { requiredScope: string; decision: string; count: number; hoursAgo?: number };

/** Hourly usage counts for a key, as the rollup stores them: months of traffic without making the requests. */
export function insertUsage(workspace: string, keyId: string, seeds: UsageSeed[]): void {
  withDatabase((db) => {
    const workspaceId = workspaceIdOf(db, workspace);
    const insert = db.prepare(
      `INSERT INTO "UsageRollup" (workspaceId, hour, keyId, resource, requiredScope, decision, count) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET count = count + excluded.count`,
    );
    db.transaction(() => {
      for (const seed of seeds) {
        const hour = new Date(Math.floor((Date.now() - (seed.hoursAgo ?? 1) * 3600_000) / 3600_000) * 3600_000);
        insert.run(
          workspaceId,
          dateColumn(db, hour),
          keyId,
          seed.requiredScope.split(":")[0],
          seed.requiredScope,
          seed.decision,
          seed.count,
        );
      }
    })();
  });
}

export type RequestSeed = { path: string; status: number; latencyMs: number; upstreamStatus?: number | null; upstreamMs?: number | null };

/** Rows of the request log for a key, as the usage writer stores them (a forwarded request's too, without an upstream). */
export function insertRequests(workspace: string, keyId: string, seeds: RequestSeed[]): void {
  withDatabase((db) => {
    const workspaceId = workspaceIdOf(db, workspace);
    const insert = db.prepare(
      `INSERT INTO "ApiRequest" (id, workspaceId, keyId, method, path, resource, requiredScope, decision, status, latencyMs, ip, createdAt, upstreamStatus, upstreamMs)
       VALUES (?, ?, ?, 'GET', ?, 'profiles', 'profiles:read', 'allowed', ?, ?, '127.0.0.1', ?, ?, ?)`,
    );
    db.transaction(() => {
      for (const seed of seeds) {
        const at = dateColumn(db, new Date());
        insert.run(
          e2eId(),
          workspaceId,
          keyId,
          seed.path,
          seed.status,
          seed.latencyMs,
          at,
          seed.upstreamStatus ?? null,
          seed.upstreamMs ?? null,
        );
      }
    })();
  });
}

export function countKeys(workspace: string, name?: string): number {
  return withDatabase((db) => {
    const workspaceId = workspaceIdOf(db, workspace);
    const row = (
      name === undefined
        ? db.prepare(`SELECT count(*) AS n FROM "ApiKey" WHERE workspaceId = ?`).get(workspaceId)
        : db.prepare(`SELECT count(*) AS n FROM "ApiKey" WHERE workspaceId = ? AND name = ?`).get(workspaceId, name)
    ) as { n: number };
    return row.n;
  });
}

/** The database file and its write-ahead log, as bytes (what is on disk right now). */
export function databaseFiles(): { file: string; bytes: Buffer }[] {
  return [DATABASE_FILE, `${DATABASE_FILE}-wal`].filter(existsSync).map((file) => ({ file, bytes: readFileSync(file) }));
}

// ---------------------------------------------------------------------------------------------
// The server's output (playwright.config.ts tees stdout and stderr into this file)

const SERVER_LOG_FILE = fileURLToPath(new URL("../.tmp/e2e/server.log", import.meta.url));

export function serverLog(): string {
  return readFileSync(SERVER_LOG_FILE, "utf8");
}

// ---------------------------------------------------------------------------------------------
// Fixtures

type TestOptions = {
  /** Start the test signed in as this demo user (a session made once per worker), or signed out. */
  signedInAs: UserKey | null;
};
type TestFixtures = { serverErrors: string[]; policyViolations: string[] };
type WorkerFixtures = { sessionFor: (user: UserKey) => Promise<StorageState> };
type StorageState = Awaited<ReturnType<Awaited<ReturnType<Browser["newContext"]>>["storageState"]>>;

export const test = base.extend<TestOptions & TestFixtures, WorkerFixtures>({
  signedInAs: [null, { option: true }],

  sessionFor: [
    async ({ browser }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      const cache = new Map<UserKey, StorageState>();
      await use(async (key) => {
        const cached = cache.get(key);
        if (cached) return cached;
        const context = await browser.newContext({ baseURL });
        const page = await context.newPage();
        await signIn(page, USERS[key]);
        const state = await context.storageState();
        await context.close();
        cache.set(key, state);
        return state;
      });
    },
    { scope: "worker" },
  ],

  storageState: async ({ signedInAs, storageState, sessionFor }, use) => {
    await use(signedInAs ? await sessionFor(signedInAs) : storageState);
  },

  // Any 5xx from the app, or an uncaught exception in the page, fails the test that caused it.
  serverErrors: [
    async ({ page, baseURL }, use) => {
      const problems: string[] = [];
      page.on("response", (response) => {
        if (response.status() >= 500 && baseURL && response.url().startsWith(baseURL)) {
          problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
        }
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      await use(problems);
      expect(problems, "the app answered with a 5xx or the page threw").toEqual([]);
    },
    { auto: true },
  ],

  // Whatever a test does, the pages' Content-Security-Policy and Permissions-Policy must hold: Chromium
  // reports a blocked script, style or feature on the console (e2e/security-headers.spec.ts also
  // listens for the securitypolicyviolation event).
  policyViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy|Permissions-Policy/i.test(message.text())) violations.push(message.text());
      });
      await use(violations);
      expect(violations, "the browser reported a policy violation").toEqual([]);
    },
    { auto: true },
  ],
});

// ---------------------------------------------------------------------------------------------
// Mail the app sent (e2e/mail-sink.ts writes each message the loopback SMTP server receives)

export type SentMail = { to: string[]; subject: string; text: string };

function sentMails(): SentMail[] {
  if (!existsSync(MAIL_DIR)) return [];
  return readdirSync(MAIL_DIR)
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(MAIL_DIR, file), "utf8")) as SentMail);
}

/** The latest message to this address, once it has arrived. */
export async function waitForMail(to: string): Promise<SentMail> {
  let found: SentMail | undefined;
  await expect
    .poll(
      () => {
        found = sentMails()
          .filter((mail) => mail.to.includes(to))
          .at(-1);
        return Boolean(found);
      },
      { message: `a mail to ${to}`, timeout: 15_000 },
    )
    .toBe(true);
  return found as SentMail;
}
