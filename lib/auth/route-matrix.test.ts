// Every route handler under app/ (listed from the file system: a new route.ts without a row in ROUTES
// fails here), called as Next calls it: as each role (expected answer from the permission table),
// signed in without a workspace, signed out, and by another workspace's Owner with this workspace's
// key id (404, exactly like a missing key). Public routes say why they are public and what they show.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/auth/roles";
import { actAs, actSignedOut } from "@/lib/testing/acting-session";
import { createUser } from "@/lib/testing/factories";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hoursAgo, recordRequests } from "@/lib/testing/usage-fixtures";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));

const root = path.resolve(import.meta.dirname, "../..");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

type Handler = (request: Request) => Promise<Response> | Response;
type PublicRoute = {
  access: "public";
  methods: string[];
  why: string;
  /** What a signed-out caller gets: checked so "public" cannot hide workspace data. */
  signedOut: ((handlers: Record<string, Handler>) => Promise<void>) | { checkedIn: string };
};
type WorkspaceRoute = {
  access: Permission;
  methods: ["GET"];
  /** Whether the route takes ?keyId= (a key of the current workspace only). */
  keyFilter: boolean;
};

const ROUTES: Record<string, PublicRoute | WorkspaceRoute> = {
  "app/api/ready/route.ts": {
    access: "public",
    methods: ["GET"],
    why: "readiness probe for load balancers; reads nothing",
    async signedOut({ GET }) {
      const response = await GET!(new Request("http://keysmith.test/api/ready"));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok" });
    },
  },
  "app/api/auth/[...nextauth]/route.ts": {
    access: "public",
    methods: ["GET", "POST"],
    why: "Auth.js: the sign-in form posts here before anyone is signed in",
    // next-auth only loads inside Next's module resolution, so the built server answers for it there.
    signedOut: { checkedIn: "e2e/middleware-bypass.spec.ts" },
  },
  "app/handover/open/route.ts": {
    access: "public",
    methods: ["POST"],
    why: "a handover link is opened by whoever holds it, signed in or not; the token in the body is its only credential",
    async signedOut({ POST }) {
      const response = await POST!(
        new Request("http://keysmith.test/handover/open", {
          method: "POST",
          headers: { host: "keysmith.test", origin: "http://keysmith.test", "content-type": "application/json" },
          body: JSON.stringify({ token: "A".repeat(43) }),
        }),
      );
      // An unknown token: the reason only, no workspace data (lib/handover/open-route.test.ts has the rest).
      expect(response.status).toBe(410);
      expect(await response.json()).toEqual({ outcome: "invalid", message: "This link is not valid" });
    },
  },
  "app/api/internal/usage/route.ts": { access: "usage.read", methods: ["GET"], keyFilter: true },
  "app/api/internal/usage/requests/route.ts": { access: "usage.read", methods: ["GET"], keyFilter: true },
  "app/api/internal/usage/denied/route.ts": { access: "usage.read", methods: ["GET"], keyFilter: true },
  "app/api/internal/usage/unused-scopes/route.ts": { access: "usage.read", methods: ["GET"], keyFilter: true },
  "app/(dashboard)/audit/export/route.ts": { access: "audit.read", methods: ["GET"], keyFilter: false },
  "app/(dashboard)/usage/export/route.ts": { access: "usage.read", methods: ["GET"], keyFilter: true },
};

function routeFiles(dir = path.join(root, "app")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path.relative(root, full)] : [];
  });
}

/** The HTTP methods a route file exports, read from its source (importing next-auth needs Next). */
function exportedMethods(file: string): string[] {
  const source = fs.readFileSync(path.join(root, file), "utf8");
  const names = [
    ...[...source.matchAll(/export (?:async )?(?:function|const|let) (\w+)/g)].map((m) => m[1]!),
    ...[...source.matchAll(/export (?:const|let) \{([^}]+)\}/g)].flatMap((m) => m[1]!.split(",").map((n) => n.trim())),
  ];
  return names.filter((name) => HTTP_METHODS.includes(name)).sort();
}

async function handlersOf(file: string): Promise<Record<string, Handler>> {
  const module = (await import(path.join(root, file))) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(module).filter(([name]) => HTTP_METHODS.includes(name))) as Record<string, Handler>;
}

const urlOf = (file: string, query = "") => `http://keysmith.test/${path.dirname(file).replace(/^app\//, "")}${query}`;

describe("the route table", () => {
  it("has a row for every app/**/route.ts, naming exactly the methods it exports", () => {
    const files = routeFiles().sort();
    expect(files).toEqual(Object.keys(ROUTES).sort());
    for (const file of files) expect(exportedMethods(file), file).toEqual([...ROUTES[file]!.methods].sort());
  });
});

// Public routes probed here; the others name the spec that probes them on the built server.
const PROBED_HERE = Object.entries(ROUTES).filter(([, r]) => r.access === "public" && typeof r.signedOut === "function") as [
  string,
  PublicRoute & { signedOut: (handlers: Record<string, Handler>) => Promise<void> },
][];

describe.each(PROBED_HERE)("%s (public)", (file, route) => {
  it(`signed out: ${route.why}`, async () => {
    actSignedOut();
    await route.signedOut(await handlersOf(file));
  });
});

describe.each(Object.entries(ROUTES).filter(([, r]) => r.access !== "public") as [string, WorkspaceRoute][])("%s", (file, route) => {
  let acme: Awaited<ReturnType<typeof workspaceWithKey>>;
  let globex: Awaited<ReturnType<typeof workspaceWithKey>>;
  let handlers: Record<string, Handler>;
  beforeAll(async () => {
    acme = await workspaceWithKey();
    globex = await workspaceWithKey();
    await recordRequests([
      { workspaceId: acme.workspace.id, keyId: acme.key.id, at: hoursAgo(1), path: "/api/v1/lists/acme-marker" },
      { workspaceId: globex.workspace.id, keyId: globex.key.id, at: hoursAgo(1), path: "/api/v1/lists/globex-marker" },
    ]);
    handlers = await handlersOf(file);
  });
  const get = (query = "") => handlers.GET!(new Request(urlOf(file, query)));

  it("signed out: 401 not_authenticated in the error shape", async () => {
    actSignedOut();
    const response = await get(`?keyId=${acme.key.id}`);
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0]).toMatchObject({ status: "401", code: "not_authenticated" });
  });

  it("signed in with no workspace: 403, no data", async () => {
    await actAs({ userId: (await createUser()).id });
    const response = await get();
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).not.toContain(acme.key.id);
  });

  it.each(ROLES.map((role) => [role, (PERMISSIONS[route.access] as readonly Role[]).includes(role)] as const))(
    "as %s: allowed = %s, and only its own workspace's data",
    async (role, allowed) => {
      await actAs(acme.member(role), acme.workspace.id);
      const response = await get(route.keyFilter ? `?keyId=${acme.key.id}` : "");
      expect(response.status).toBe(allowed ? 200 : 403);
      const text = await (await get()).text();
      expect(text).not.toContain(globex.key.id);
      expect(text).not.toContain(globex.workspace.id);
      expect(text).not.toContain("globex-marker");
    },
  );

  it.runIf(route.keyFilter)("as another workspace's Owner with this workspace's key id: 404 exactly like a missing key", async () => {
    await actAs(globex.owner, globex.workspace.id);
    const foreign = await get(`?keyId=${acme.key.id}`);
    const missing = await get("?keyId=c0000000000000000missing");
    expect(foreign.status).toBe(404);
    const strip = (body: { errors: { id: string }[] }) => body.errors.map(({ id: _id, ...rest }) => rest);
    expect(strip(await foreign.json())).toEqual(strip(await missing.json()));
  });
});
