// The React Query endpoints under app/api/internal/usage, called as Next calls them: signed in or not,
// from one workspace or another, with good and forged parameters.
import { describe, expect, it, vi } from "vitest";
import { GET as getRequests } from "@/app/api/internal/usage/requests/route";
import { GET as getSummary } from "@/app/api/internal/usage/route";
import { GET as getUnusedScopes } from "@/app/api/internal/usage/unused-scopes/route";
import { actAs, actSignedOut } from "@/lib/testing/acting-session";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hoursAgo, recordRequests, watchedLongEnough } from "@/lib/testing/usage-fixtures";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));

const call = (handler: (request: Request) => Promise<Response>, query = "") =>
  handler(new Request(`http://keysmith.test/api/internal/usage${query}`));

async function twoWorkspacesWithUse() {
  const acme = await workspaceWithKey();
  const globex = await workspaceWithKey();
  await recordRequests([
    { workspaceId: acme.workspace.id, keyId: acme.key.id, at: hoursAgo(1) },
    { workspaceId: acme.workspace.id, keyId: acme.key.id, decision: "missing_scope", resource: "campaigns", at: hoursAgo(1) },
    { workspaceId: globex.workspace.id, keyId: globex.key.id, at: hoursAgo(1) },
  ]);
  return { acme, globex };
}

describe("internal usage routes", () => {
  it("refuse a signed-out caller with 401 and the error shape", async () => {
    actSignedOut();
    for (const handler of [getSummary, getRequests, getUnusedScopes]) {
      const response = await call(handler);
      expect(response.status).toBe(401);
      expect((await response.json()).errors[0]).toMatchObject({ code: "not_authenticated" });
    }
  });

  it("answer Support with the current workspace's usage only", async () => {
    const { acme } = await twoWorkspacesWithUse();
    await actAs(acme.member("SUPPORT"), acme.workspace.id);
    const summary = await (await call(getSummary, "?range=7d")).json();
    expect(summary.range).toBe("7d");
    expect(summary.totals).toEqual({ allowed: 1, denied: 1, rate_limited: 0, errors: 0 });
    const requests = await (await call(getRequests, "?outcome=denied")).json();
    expect(requests.requests.map((r: { decision: string }) => r.decision)).toEqual(["missing_scope"]);
    const unused = await (await call(getUnusedScopes)).json();
    expect(unused.keys.map((k: { keyId: string }) => k.keyId)).toEqual([acme.key.id]);
  });

  it("answer 404 for another workspace's key or a malformed key id, exactly like a missing key", async () => {
    const { acme, globex } = await twoWorkspacesWithUse();
    await actAs(acme.owner, acme.workspace.id);
    for (const keyId of [globex.key.id, "no-such-key", "../../keys", "x".repeat(200)]) {
      for (const handler of [getSummary, getRequests, getUnusedScopes]) {
        const response = await call(handler, `?keyId=${encodeURIComponent(keyId)}`);
        expect(response.status).toBe(404);
        expect((await response.json()).errors[0].detail).toBe("That key was not found in this workspace.");
      }
    }
  });

  it("filter by a key of the workspace, and fall back to defaults for nonsense filters", async () => {
    const { acme } = await twoWorkspacesWithUse();
    await watchedLongEnough(acme.workspace.id, acme.key.id);
    await actAs(acme.owner, acme.workspace.id);
    const summary = await (await call(getSummary, `?keyId=${acme.key.id}&range=1y&resource=wallets`)).json();
    expect(summary).toMatchObject({ range: "24h", totals: { allowed: 1, denied: 1 } });
    const unused = await (await call(getUnusedScopes, `?keyId=${acme.key.id}`)).json();
    expect(unused.key).toMatchObject({ keyId: acme.key.id, unused: [{ resource: "lists" }, { resource: "profiles" }] });
  });
});
