// Deciding an access request: approving creates the key in the same transaction that marks the request
// approved, declining records the message. Both move the request out of pending with a status-guarded
// update (updateMany where status = pending): of two reviewers deciding at once exactly one changes
// it, and the other's transaction rolls back (its key too) with who decided first.

import { keyChangeTransaction } from "@/lib/api-keys/key-transaction";
import { createApiKeyIn, type KeyChange } from "@/lib/api-keys/lifecycle";
import { appendAuditEvent } from "@/lib/audit/append";
import type { Tx } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { mailConfigured, sendMail } from "@/lib/mail/mailer";
import { accessRequestDecisionMail } from "@/lib/mail/messages";
import type { CreateKeyInput } from "@/lib/validation/keys";
import { accessRequestTarget } from "./records";

const REQUEST_NOT_FOUND = "That access request was not found in this workspace.";

async function findPending(tx: Tx, workspaceId: string, requestId: string) {
  const request = await tx.accessRequest.findFirst({
    where: { id: requestId, workspaceId },
    select: { id: true, status: true, requesterName: true, company: true, email: true, scopes: true, decidedByLabel: true },
  });
  if (!request) throw new NotFoundError(REQUEST_NOT_FOUND);
  if (request.status !== "pending") throw alreadyDecided(request.status, request.decidedByLabel);
  return request;
}

function alreadyDecided(status: string, by: string | null) {
  return new ConflictError(`Already decided by ${by ?? "someone else"}: this request was ${status}.`);
}

/** Moves the request out of pending, or throws (rolling back the transaction) when someone else already did. */
async function decide(
  tx: Tx,
  change: KeyChange,
  requestId: string,
  data: { status: "approved" | "declined"; keyId?: string; declineMessage?: string },
) {
  const decider = {
    decidedById: change.actor.type === "system" ? null : change.actor.id,
    decidedByLabel: change.actor.label,
    decidedAt: new Date(),
  };
  const { count } = await tx.accessRequest.updateMany({
    where: { id: requestId, workspaceId: change.workspaceId, status: "pending" },
    data: { ...data, ...decider },
  });
  if (count !== 1) {
    const now = await tx.accessRequest.findFirst({ where: { id: requestId }, select: { status: true, decidedByLabel: true } });
    throw alreadyDecided(now?.status ?? "decided", now?.decidedByLabel ?? null);
  }
}

function mailDecision(to: string, decision: { workspaceName: string; approved: boolean; message: string }) {
  if (!mailConfigured()) return;
  // After the commit and off the answer's path: a mail server that is down changes no decision.
  void sendMail(accessRequestDecisionMail(to, decision)).catch((error: unknown) => {
    console.error(`[access-requests] decision mail failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}

export async function approveAccessRequest(change: KeyChange & { workspaceName: string }, requestId: string, input: CreateKeyInput) {
  const { workspaceName, ...keyChange } = change;
  const result = await keyChangeTransaction(change.workspaceId, async (tx) => {
    const request = await findPending(tx, change.workspaceId, requestId);
    const created = await createApiKeyIn(tx, keyChange, input);
    await decide(tx, keyChange, request.id, { status: "approved", keyId: created.key.id });
    await appendAuditEvent(tx, {
      ...keyChange,
      action: "access_request.approved",
      target: accessRequestTarget(request),
      metadata: {
        email: request.email,
        requested: JSON.parse(request.scopes) as string[],
        granted: created.key.scopes,
        key: { id: created.key.id, key: created.key.masked },
      },
    });
    return { ...created, email: request.email };
  });
  mailDecision(result.email, { workspaceName, approved: true, message: "" });
  return { key: result.key, secret: result.secret };
}

export async function declineAccessRequest(change: KeyChange & { workspaceName: string }, requestId: string, message: string) {
  const { workspaceName, ...declineChange } = change;
  const email = await keyChangeTransaction(change.workspaceId, async (tx) => {
    const request = await findPending(tx, change.workspaceId, requestId);
    await decide(tx, declineChange, request.id, { status: "declined", declineMessage: message || undefined });
    await appendAuditEvent(tx, {
      ...declineChange,
      action: "access_request.declined",
      target: accessRequestTarget(request),
      metadata: { email: request.email, message: message || undefined },
    });
    return request.email;
  });
  mailDecision(email, { workspaceName, approved: false, message });
}
