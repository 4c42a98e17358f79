// Companion to permission-matrix.test.ts (every action x every role): every workspace action tried
// signed out, and by the Owner of another workspace against this workspace's object. Signed out is
// refused before anything is read; another workspace's object answers exactly like an id that names
// nothing, and nothing anywhere in the database changes. An action file without a row here fails.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/lifecycle";
import { db } from "@/lib/db";
import { createHandover } from "@/lib/handover/handovers";
import { createInvitation } from "@/lib/members/invitations";
import { actAs, actSignedOut } from "@/lib/testing/acting-session";
import { exportedServerActions, PUBLIC_ACTIONS, SESSION_ACTIONS } from "@/lib/testing/action-inventory";
import { changeBy, createWorkspace } from "@/lib/testing/factories";
import { keyInput } from "@/lib/testing/key-fixtures";
import { cancelHandoverLinkAction } from "./cancel-handover-link";
import { changeKeyExpiryAction } from "./change-key-expiry";
import { changeMemberRoleAction } from "./change-member-role";
import { createHandoverLinkAction } from "./create-handover-link";
import { createInvitationAction } from "./create-invitation";
import { createKeyAction } from "./create-key";
import { createResetLinkAction } from "./create-reset-link";
import { deleteKeyAction } from "./delete-key";
import { grantRefusedScopeAction } from "./grant-refused-scope";
import { narrowUnusedScopesAction } from "./narrow-unused-scopes";
import { removeMemberAction } from "./remove-member";
import { revokeInvitationAction } from "./revoke-invitation";
import { revokeKeyAction } from "./revoke-key";
import { rotateKeyAction } from "./rotate-key";
import { SIGNED_OUT_MESSAGE } from "./safe-action";
import { setRequireTwoFactorAction } from "./set-require-two-factor";
import { undoNarrowingAction } from "./undo-narrowing";
import { updateKeyAction } from "./update-key";
import { verifyAuditChainAction } from "./verify-audit-chain";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type ActionResult = { data?: unknown; serverError?: string; validationErrors?: unknown } | undefined;
/** Which of the victim workspace's objects the action works on. */
type Target = "activeKey" | "revokedKey" | "member" | "invitation" | "handover" | "none";
type BoundaryCase = { target: Target; run: (id: string, w: World) => Promise<ActionResult> };

// Inputs that are valid in every other respect, so only the object (or the session) decides.
const WORKSPACE_ACTIONS: Record<string, BoundaryCase> = {
  changeMemberRoleAction: { target: "member", run: (id) => changeMemberRoleAction({ membershipId: id, role: "ADMIN" }) },
  removeMemberAction: { target: "member", run: (id) => removeMemberAction({ membershipId: id }) },
  createKeyAction: {
    target: "none",
    // A forged workspaceId is extra input the schema drops: the session's workspace is the only one used.
    run: (id) =>
      createKeyAction({ name: "Boundary key", scopes: ["profiles:read"], expiration: "never", workspaceId: id } as Parameters<
        typeof createKeyAction
      >[0]),
  },
  updateKeyAction: { target: "activeKey", run: (id) => updateKeyAction({ keyId: id, name: "Renamed", scopes: ["profiles:write"] }) },
  rotateKeyAction: { target: "activeKey", run: (id) => rotateKeyAction({ keyId: id, grace: "1h" }) },
  changeKeyExpiryAction: {
    target: "activeKey",
    run: (id) => changeKeyExpiryAction({ keyId: id, expiresOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10) }),
  },
  revokeKeyAction: { target: "activeKey", run: (id) => revokeKeyAction({ keyId: id, reason: "boundary" }) },
  narrowUnusedScopesAction: { target: "activeKey", run: (id) => narrowUnusedScopesAction({ keyId: id, resources: ["lists"] }) },
  deleteKeyAction: { target: "revokedKey", run: (id) => deleteKeyAction({ keyId: id }) },
  // With the victim key's true secret: only the caller's workspace decides.
  createHandoverLinkAction: { target: "activeKey", run: (id, w) => createHandoverLinkAction({ keyId: id, secret: w.activeSecret }) },
  cancelHandoverLinkAction: { target: "handover", run: (id) => cancelHandoverLinkAction({ handoverId: id }) },
  grantRefusedScopeAction: { target: "activeKey", run: (id) => grantRefusedScopeAction({ keyId: id, scope: "profiles:write" }) },
  // The event id is the victim's too: a narrowing of the victim key, which the attacker cannot name.
  undoNarrowingAction: { target: "activeKey", run: (id) => undoNarrowingAction({ keyId: id, eventId: "c0000000000000000missing" }) },
  createResetLinkAction: { target: "member", run: (id) => createResetLinkAction({ membershipId: id }) },
  revokeInvitationAction: { target: "invitation", run: (id) => revokeInvitationAction({ invitationId: id }) },
  createInvitationAction: {
    target: "none",
    run: (id) =>
      createInvitationAction({ email: "boundary-invitee@example.test", role: "SUPPORT", workspaceId: id } as Parameters<
        typeof createInvitationAction
      >[0]),
  },
  verifyAuditChainAction: {
    target: "none",
    run: (id) => verifyAuditChainAction({ workspaceId: id } as unknown as Parameters<typeof verifyAuditChainAction>[0]),
  },
  setRequireTwoFactorAction: {
    target: "none",
    run: (id) => setRequireTwoFactorAction({ required: true, workspaceId: id } as Parameters<typeof setRequireTwoFactorAction>[0]),
  },
};

/** Well-formed ids that name no row. */
const MISSING_ID = "c0000000000000000missing";

type World = {
  victim: Awaited<ReturnType<typeof createWorkspace>>;
  attacker: Awaited<ReturnType<typeof createWorkspace>>;
  ids: Record<Exclude<Target, "none">, string>;
  activeSecret: string;
};

async function world(): Promise<World> {
  const victim = await createWorkspace();
  const attacker = await createWorkspace(["OWNER"]);
  const change = changeBy(victim.workspace.id, victim.member("OWNER"));
  const active = await createApiKey(change, keyInput());
  const revoked = await createApiKey(change, keyInput());
  await revokeApiKey(change, revoked.key.id, "");
  const { invitation } = await createInvitation(change, "OWNER", { email: "boundary-pending@example.test", role: "SUPPORT" });
  const { handover } = await createHandover(change, { keyId: active.key.id, secret: active.secret });
  return {
    victim,
    attacker,
    activeSecret: active.secret,
    ids: {
      activeKey: active.key.id,
      revokedKey: revoked.key.id,
      member: victim.member("SUPPORT").membershipId,
      invitation: invitation.id,
      handover: handover.id,
    },
  };
}

// A refusal is audited in the caller's workspace (lib/actions/audit-refusal.ts): that event, and the
// chain head it moves, are the one write a refused call makes, and are left out of the comparison.
const notRefusals = { action: { not: "action.refused" } };
const workspaceColumns = { id: true, name: true, slug: true, changeVersion: true, requireTwoFactor: true, createdAt: true } as const;

/** Everything an action could change, across every workspace. */
async function everything() {
  const [keys, memberships, invitations, resets, workspaces, events, sessions, handovers] = await Promise.all([
    db.apiKey.findMany({ orderBy: { id: "asc" } }),
    db.membership.findMany({ orderBy: { id: "asc" } }),
    db.invitation.findMany({ orderBy: { id: "asc" } }),
    db.passwordReset.count(),
    db.workspace.findMany({ orderBy: { id: "asc" }, select: workspaceColumns }),
    db.auditEvent.count({ where: notRefusals }),
    db.session.count(),
    db.keyHandover.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ keys, memberships, invitations, resets, workspaces, events, sessions, handovers });
}

/** Everything of one workspace an action could change, for the actions that name no object. */
async function workspaceState(workspaceId: string) {
  const [keys, memberships, invitations, workspace, events, handovers] = await Promise.all([
    db.apiKey.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.membership.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.invitation.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.workspace.findUnique({ where: { id: workspaceId } }),
    db.auditEvent.count({ where: { workspaceId } }),
    db.keyHandover.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ keys, memberships, invitations, workspace, events, handovers });
}

describe("the boundary table", () => {
  it("has a row for every workspace action in lib/actions", () => {
    expect(exportedServerActions()).toEqual([...Object.keys(WORKSPACE_ACTIONS), ...SESSION_ACTIONS, ...PUBLIC_ACTIONS].sort());
  });
});

describe.each(Object.entries(WORKSPACE_ACTIONS))("%s", (_name, action) => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  const victimObject = () => (action.target === "none" ? w.victim.workspace.id : w.ids[action.target]);

  it("signed out: refused with the sign-in message, nothing read back, nothing changed", async () => {
    actSignedOut();
    const before = await everything();
    const result = await action.run(victimObject(), w);
    expect(result?.serverError).toBe(SIGNED_OUT_MESSAGE);
    expect(result?.data).toBeUndefined();
    expect(await everything()).toBe(before);
  });

  it("as another workspace's Owner: exactly the answer for a missing object, and nothing changed", async () => {
    await actAs(w.attacker.member("OWNER"), w.attacker.workspace.id);
    if (action.target === "none") {
      // Nothing to point at but the workspace itself: the forged workspaceId is ignored, and the change
      // lands in the caller's own workspace.
      const victimBefore = await workspaceState(w.victim.workspace.id);
      const ownBefore = await workspaceState(w.attacker.workspace.id);
      const result = await action.run(w.victim.workspace.id, w);
      expect(result?.serverError).toBeUndefined();
      expect(await workspaceState(w.victim.workspace.id)).toBe(victimBefore);
      expect(await workspaceState(w.attacker.workspace.id)).not.toBe(ownBefore);
      return;
    }
    const before = await everything();
    const foreign = await action.run(victimObject(), w);
    const missing = await action.run(MISSING_ID, w);
    expect(foreign?.serverError).toMatch(/not found/);
    expect(foreign).toEqual(missing);
    expect(await everything()).toBe(before);
    // Both tries are in the attacker's own log, the victim's object by its id only; none in the victim's.
    const refused = await db.auditEvent.findMany({
      where: { workspaceId: w.attacker.workspace.id, action: "action.refused", targetId: { in: [victimObject(), MISSING_ID] } },
    });
    expect(refused.map((e) => [e.targetId, e.targetLabel, JSON.parse(e.metadata).reason]).sort()).toEqual(
      [
        [victimObject(), null, "not_found"],
        [MISSING_ID, null, "not_found"],
      ].sort(),
    );
    expect(await db.auditEvent.count({ where: { workspaceId: w.victim.workspace.id, action: "action.refused" } })).toBe(0);
  });
});
