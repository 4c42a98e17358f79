// An integrator's request arriving from the public page: stored with its audit event in one
// transaction, for a workspace that takes requests. An unknown workspace and one with requests off
// answer alike (NotFoundError), so the page tells nobody which slugs exist.
import { appendAuditEvent } from "@/lib/audit/append";
import type { RequestOrigin } from "@/lib/audit/types";
import { db } from "@/lib/db";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { toAccessMap, toScopes } from "@/lib/scopes/scopes";
import type { AccessRequestInput } from "@/lib/validation/access-requests";
import { serializeWorkspaceChanges } from "@/lib/workspace-lock";
import { accessRequestTarget } from "./records";

/** Open requests a workspace holds at most: beyond it, new ones wait until reviewers catch up. */
export const PENDING_REQUESTS_MAX = 200;

export const REQUESTS_NOT_FOUND = "Page not found";

/** The workspace shows the page queue is full: a flood from many addresses stops here. */
export class TooManyPendingRequestsError extends UserFacingError {
  override name = "TooManyPendingRequestsError";
}

const MAX_USER_AGENT = 512;

/** The workspace behind /request/<slug>, when it takes requests; null for unknown and off alike. */
export function requestableWorkspace(slug: string) {
  return db.workspace.findFirst({ where: { slug, accessRequestsEnabled: true }, select: { id: true, name: true, slug: true } });
}

export async function receiveAccessRequest(slug: string, input: AccessRequestInput, origin: RequestOrigin) {
  const workspace = await requestableWorkspace(slug);
  if (!workspace) throw new NotFoundError(REQUESTS_NOT_FOUND);
  return db.$transaction(async (tx) => {
    // One at a time per workspace, so the cap below counts every request that got in before this one.
    await serializeWorkspaceChanges(tx, workspace.id);
    const pending = await tx.accessRequest.count({ where: { workspaceId: workspace.id, status: "pending" } });
    if (pending >= PENDING_REQUESTS_MAX)
      throw new TooManyPendingRequestsError("This workspace has too many open requests right now. Try again later.");
    const catalog = loadedCatalog();
    const scopes = toScopes(catalog, toAccessMap(catalog, input.scopes));
    // A reason only for a resource the request asks for.
    const reasons = Object.fromEntries(
      Object.entries(input.reasons).filter(([resource]) => scopes.some((s) => s.startsWith(`${resource}:`))),
    );
    const request = await tx.accessRequest.create({
      data: {
        workspaceId: workspace.id,
        requesterName: input.requesterName,
        company: input.company,
        email: input.email,
        purpose: input.purpose,
        scopes: JSON.stringify(scopes),
        reasons: JSON.stringify(reasons),
        wishedExpiration: input.expiration,
        wishedExpiresOn: input.expiration === "custom" ? (input.expiresOn ?? null) : null,
        address: origin.ip,
        userAgent: origin.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
      },
      select: { id: true, requesterName: true, company: true },
    });
    await appendAuditEvent(tx, {
      workspaceId: workspace.id,
      actor: { type: "system", label: `Anonymous requester (${origin.ip ?? "unknown address"})` },
      action: "access_request.received",
      target: accessRequestTarget(request),
      metadata: { email: input.email, scopes, wishedExpiration: input.expiration, wishedExpiresOn: input.expiresOn },
      origin,
    });
    return { id: request.id, workspace };
  });
}
