// Every workspace action x every role, run through the real action (middleware, permission, database).
// The expected cells come from the permission table; the table itself is pinned below, and an action
// file that is not listed here fails the suite.
import { describe, expect, it, vi } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/lifecycle";
import { getApiKey } from "@/lib/api-keys/queries";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { createHandover } from "@/lib/handover/handovers";
import { createInvitation } from "@/lib/members/invitations";
import { pendingAccessRequest } from "@/lib/testing/access-request-fixtures";
import { actAs } from "@/lib/testing/acting-session";
import { exportedServerActions, PUBLIC_ACTIONS, SESSION_ACTIONS } from "@/lib/testing/action-inventory";
import { changeBy, createWorkspace } from "@/lib/testing/factories";
import { keyInput } from "@/lib/testing/key-fixtures";
import { watchedLongEnough } from "@/lib/testing/usage-fixtures";
import { narrowUnusedScopes } from "@/lib/usage/narrow-unused-scopes";
import { endOfUtcDay, utcDate } from "@/lib/validation/keys";
import { approveAccessRequestAction } from "./approve-access-request";
import { cancelHandoverLinkAction } from "./cancel-handover-link";
import { changeKeyExpiryAction } from "./change-key-expiry";
import { changeMemberRoleAction } from "./change-member-role";
import { createHandoverLinkAction } from "./create-handover-link";
import { createInvitationAction } from "./create-invitation";
import { createKeyAction } from "./create-key";
import { createResetLinkAction } from "./create-reset-link";
import { declineAccessRequestAction } from "./decline-access-request";
import { deleteKeyAction } from "./delete-key";
import { grantRefusedScopeAction } from "./grant-refused-scope";
import { narrowUnusedScopesAction } from "./narrow-unused-scopes";
import { removeMemberAction } from "./remove-member";
import { revokeInvitationAction } from "./revoke-invitation";
import { revokeKeyAction } from "./revoke-key";
import { rotateKeyAction } from "./rotate-key";
import { NOT_ALLOWED_MESSAGE } from "./safe-action";
import { setAccessRequestsEnabledAction } from "./set-access-requests-enabled";
import { setRequireTwoFactorAction } from "./set-require-two-factor";
import { undoNarrowingAction } from "./undo-narrowing";
import { updateKeyAction } from "./update-key";
import { verifyAuditChainAction } from "./verify-audit-chain";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type Workspace = Awaited<ReturnType<typeof createWorkspace>> & {
  keyId: string;
  secret: string;
  invitationId: string;
  narrowingId: string;
  handoverId: string;
  requestId: string;
};
type ActionCase = {
  permission: Permission;
  /**
   * The state of the key the action works on, made by the Owner before the call: "judgeable" has been
   * in use long enough for suggestions, "narrowed" is judgeable with lists narrowed away by the Owner.
   */
  key?: "active" | "revoked" | "judgeable" | "narrowed";
  /** A pending invitation (to SUPPORT), made by the Owner before the call. */
  invitation?: boolean;
  /** A pending handover link for the key, made by the Owner before the call. */
  handover?: boolean;
  /** A pending access request, received before the call. */
  accessRequest?: boolean;
  /** Audit events the change writes (default 1). */
  events?: number;
  run: (ws: Workspace) => Promise<{ serverError?: string } | undefined>;
  /** True when the action's change is in the database. */
  applied: (ws: Workspace) => Promise<boolean>;
};

const TEN_DAYS_AHEAD = utcDate(new Date(Date.now() + 10 * 24 * 60 * 60 * 1000));
const keyOf = (ws: Workspace) => getApiKey(ws.workspace.id, ws.keyId);

const WORKSPACE_ACTIONS: Record<string, ActionCase> = {
  changeMemberRoleAction: {
    permission: "members.manage",
    run: (ws) => changeMemberRoleAction({ membershipId: ws.member("SUPPORT").membershipId, role: "ADMIN" }),
    applied: async (ws) => (await db.membership.findUniqueOrThrow({ where: { id: ws.member("SUPPORT").membershipId } })).role === "ADMIN",
  },
  removeMemberAction: {
    permission: "members.manage",
    run: (ws) => removeMemberAction({ membershipId: ws.member("SUPPORT").membershipId }),
    applied: async (ws) => (await db.membership.findUnique({ where: { id: ws.member("SUPPORT").membershipId } })) === null,
  },
  createResetLinkAction: {
    permission: "members.reset_password",
    run: (ws) => createResetLinkAction({ membershipId: ws.member("SUPPORT").membershipId }),
    applied: async (ws) => (await db.passwordReset.count({ where: { userId: ws.member("SUPPORT").userId } })) === 1,
  },
  verifyAuditChainAction: {
    permission: "audit.read",
    run: () => verifyAuditChainAction({}),
    applied: async (ws) => (await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "audit.verified" } })) === 1,
  },
  setRequireTwoFactorAction: {
    permission: "settings.manage",
    run: () => setRequireTwoFactorAction({ required: true }),
    applied: async (ws) => (await db.workspace.findUniqueOrThrow({ where: { id: ws.workspace.id } })).requireTwoFactor,
  },
  setAccessRequestsEnabledAction: {
    permission: "settings.manage",
    run: () => setAccessRequestsEnabledAction({ enabled: true }),
    applied: async (ws) => (await db.workspace.findUniqueOrThrow({ where: { id: ws.workspace.id } })).accessRequestsEnabled,
  },
  approveAccessRequestAction: {
    permission: "requests.review",
    accessRequest: true,
    // The key's creation and the approval.
    events: 2,
    run: (ws) =>
      approveAccessRequestAction({ requestId: ws.requestId, name: "Requested key", scopes: ["profiles:read"], expiration: "30" }),
    applied: async (ws) => (await db.accessRequest.findUniqueOrThrow({ where: { id: ws.requestId } })).status === "approved",
  },
  declineAccessRequestAction: {
    permission: "requests.review",
    accessRequest: true,
    run: (ws) => declineAccessRequestAction({ requestId: ws.requestId, message: "Not now" }),
    applied: async (ws) => (await db.accessRequest.findUniqueOrThrow({ where: { id: ws.requestId } })).status === "declined",
  },
  createInvitationAction: {
    permission: "members.invite",
    run: () => createInvitationAction({ email: "matrix-invitee@example.test", role: "SUPPORT" }),
    applied: async (ws) =>
      (await db.invitation.count({ where: { workspaceId: ws.workspace.id, email: "matrix-invitee@example.test" } })) === 1,
  },
  revokeInvitationAction: {
    permission: "members.invite",
    invitation: true,
    run: (ws) => revokeInvitationAction({ invitationId: ws.invitationId }),
    applied: async (ws) => (await db.invitation.findUniqueOrThrow({ where: { id: ws.invitationId } })).revokedAt !== null,
  },
  createKeyAction: {
    permission: "keys.manage",
    run: () =>
      createKeyAction({
        name: "Matrix key",
        scopes: ["profiles:read"],
        expiration: "never",
        rateLimit: { requests: 60, period: "minute" },
      }),
    applied: async (ws) => (await db.apiKey.count({ where: { workspaceId: ws.workspace.id, name: "Matrix key" } })) === 1,
  },
  updateKeyAction: {
    permission: "keys.manage",
    key: "active",
    run: (ws) =>
      updateKeyAction({ keyId: ws.keyId, name: "Renamed", scopes: keyInput().scopes, rateLimit: { requests: 5, period: "second" } }),
    applied: async (ws) => (await keyOf(ws))?.name === "Renamed",
  },
  rotateKeyAction: {
    permission: "keys.manage",
    key: "active",
    events: 2,
    run: (ws) => rotateKeyAction({ keyId: ws.keyId, grace: "1h" }),
    applied: async (ws) => (await keyOf(ws))?.status === "rotating",
  },
  changeKeyExpiryAction: {
    permission: "keys.manage",
    key: "active",
    run: (ws) => changeKeyExpiryAction({ keyId: ws.keyId, expiresOn: TEN_DAYS_AHEAD }),
    applied: async (ws) => (await keyOf(ws))?.expiresAt?.getTime() === endOfUtcDay(TEN_DAYS_AHEAD).getTime(),
  },
  revokeKeyAction: {
    permission: "keys.manage",
    key: "active",
    run: (ws) => revokeKeyAction({ keyId: ws.keyId, reason: "matrix" }),
    applied: async (ws) => (await keyOf(ws))?.status === "revoked",
  },
  narrowUnusedScopesAction: {
    permission: "keys.manage",
    key: "judgeable",
    // The key has used neither of its scopes: narrowing lists takes that scope away.
    run: (ws) => narrowUnusedScopesAction({ keyId: ws.keyId, resources: ["lists"] }),
    applied: async (ws) => (await keyOf(ws))?.scopes.join() === "profiles:read",
  },
  undoNarrowingAction: {
    permission: "keys.manage",
    key: "narrowed",
    run: (ws) => undoNarrowingAction({ keyId: ws.keyId, eventId: ws.narrowingId }),
    applied: async (ws) => (await keyOf(ws))?.scopes.includes("lists:write") ?? false,
  },
  grantRefusedScopeAction: {
    permission: "keys.manage",
    key: "active",
    run: (ws) => grantRefusedScopeAction({ keyId: ws.keyId, scope: "profiles:write" }),
    applied: async (ws) => (await keyOf(ws))?.scopes.includes("profiles:write") ?? false,
  },
  createHandoverLinkAction: {
    permission: "keys.manage",
    key: "active",
    run: (ws) => createHandoverLinkAction({ keyId: ws.keyId, secret: ws.secret }),
    applied: async (ws) => (await db.keyHandover.count({ where: { keyId: ws.keyId } })) === 1,
  },
  cancelHandoverLinkAction: {
    permission: "keys.manage",
    key: "active",
    handover: true,
    run: (ws) => cancelHandoverLinkAction({ handoverId: ws.handoverId }),
    applied: async (ws) => (await db.keyHandover.findUniqueOrThrow({ where: { id: ws.handoverId } })).cancelledAt !== null,
  },
  deleteKeyAction: {
    permission: "keys.delete",
    key: "revoked",
    run: (ws) => deleteKeyAction({ keyId: ws.keyId }),
    applied: async (ws) => (await keyOf(ws)) === null,
  },
};

async function prepare(action: ActionCase): Promise<Workspace> {
  const ws = await createWorkspace();
  const change = changeBy(ws.workspace.id, ws.member("OWNER"));
  const invitationId = action.invitation
    ? (await createInvitation(change, "OWNER", { email: "matrix-pending@example.test", role: "SUPPORT" })).invitation.id
    : "";
  const requestId = action.accessRequest ? await pendingAccessRequest(ws.workspace.id) : "";
  if (!action.key) return { ...ws, keyId: "", secret: "", invitationId, narrowingId: "", handoverId: "", requestId };
  const { key, secret } = await createApiKey(change, keyInput());
  if (action.key === "revoked") await revokeApiKey(change, key.id, "");
  if (action.key === "judgeable" || action.key === "narrowed") await watchedLongEnough(ws.workspace.id, key.id);
  const narrowingId = action.key === "narrowed" ? ((await narrowUnusedScopes(change, key.id, ["lists"])).eventId ?? "") : "";
  const handoverId = action.handover ? (await createHandover(change, { keyId: key.id, secret })).handover.id : "";
  return { ...ws, keyId: key.id, secret, invitationId, narrowingId, handoverId, requestId };
}

describe("the permission table", () => {
  it("is exactly what docs/security.md's roles table describes", () => {
    expect(PERMISSIONS).toEqual({
      "workspace.read": ["OWNER", "ADMIN", "SUPPORT"],
      "members.read": ["OWNER", "ADMIN", "SUPPORT"],
      "members.manage": ["OWNER"],
      "members.reset_password": ["OWNER", "ADMIN"],
      "members.invite": ["OWNER", "ADMIN"],
      "keys.read": ["OWNER", "ADMIN", "SUPPORT"],
      "keys.manage": ["OWNER", "ADMIN"],
      "keys.delete": ["OWNER"],
      "usage.read": ["OWNER", "ADMIN", "SUPPORT"],
      "audit.read": ["OWNER", "ADMIN", "SUPPORT"],
      "settings.manage": ["OWNER"],
      "requests.review": ["OWNER", "ADMIN"],
    });
  });

  it("has a matrix row for every server action in lib/actions", () => {
    expect(exportedServerActions()).toEqual([...Object.keys(WORKSPACE_ACTIONS), ...SESSION_ACTIONS, ...PUBLIC_ACTIONS].sort());
  });
});

describe.each(Object.entries(WORKSPACE_ACTIONS))("%s", (_name, action) => {
  it.each(ROLES.map((role) => [role, (PERMISSIONS[action.permission] as readonly Role[]).includes(role)] as const))(
    "as %s: allowed = %s",
    async (role, allowed) => {
      const ws = await prepare(action);
      await actAs(ws.member(role), ws.workspace.id);
      const eventsBefore = await db.auditEvent.count({ where: { workspaceId: ws.workspace.id } });

      const result = await action.run(ws);

      if (allowed) {
        expect(result?.serverError).toBeUndefined();
        expect(await action.applied(ws)).toBe(true);
        expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id } })).toBe(eventsBefore + (action.events ?? 1));
      } else {
        expect(result?.serverError).toBe(NOT_ALLOWED_MESSAGE);
        expect(await action.applied(ws)).toBe(false);
        // The one event is the refusal itself (lib/actions/audit-refusal.ts), by this member.
        const after = await db.auditEvent.findMany({
          where: { workspaceId: ws.workspace.id },
          orderBy: { seq: "asc" },
          skip: eventsBefore,
        });
        expect(after.map((e) => [e.action, e.actorId, JSON.parse(e.metadata).reason])).toEqual([
          ["action.refused", ws.member(role).userId, "missing_permission"],
        ]);
      }
    },
  );
});
