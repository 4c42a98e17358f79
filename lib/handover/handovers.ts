// One-time handover links for a key's secret, made by an Owner or Admin right after the key was
// created, while the secret is still in their browser. The server checks that the secret is this
// key's (against its stored hash) and that the key still works, then stores only the token's hash and
// the sealed secret (lib/handover/crypto.ts). Each change writes its audit event in the same
// transaction; another workspace's key or link answers as a missing one.
import { randomUUID } from "node:crypto";
import { candidateHashes } from "@/lib/api-keys/key-hash";
import { keyChangeTransaction } from "@/lib/api-keys/key-transaction";
import type { KeyChange } from "@/lib/api-keys/lifecycle";
import { auditTarget, KEY_SELECT, toKeyView } from "@/lib/api-keys/records";
import { KEY_STATUS_LABELS } from "@/lib/api-keys/status";
import { appendAuditEvent } from "@/lib/audit/append";
import { newOneTimeToken } from "@/lib/auth/one-time-token";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";
import { sealForHandover } from "./crypto";
import { handoverState } from "./state";

export const HANDOVER_HOURS = 24;
export const KEY_NOT_FOUND = "That key was not found in this workspace.";
export const HANDOVER_NOT_FOUND = "That handover link was not found for this key.";
export const SECRET_MISMATCH = "That secret does not belong to this key. No link was made.";

const CANCEL_REFUSALS = {
  opened: "This link was opened already; there is nothing left to cancel.",
  cancelled: "This link was cancelled already.",
  expired: "This link has expired already; it can no longer be opened.",
} as const;

/** Whether the secret is the one whose hash the key stores (under any pepper it may be stored with). */
function secretMatches(secret: string, stored: { hash: string; hashAlgorithm: string }): boolean {
  const { current, older } = candidateHashes(secret);
  return [current, ...older()].some((candidate) => candidate.hash === stored.hash && candidate.hashAlgorithm === stored.hashAlgorithm);
}

export async function createHandover(change: KeyChange, input: { keyId: string; secret: string }, now = new Date()) {
  const { token, hash: tokenHash } = newOneTimeToken();
  const handover = await keyChangeTransaction(change.workspaceId, async (tx) => {
    const row = await tx.apiKey.findFirst({
      where: { id: input.keyId, workspaceId: change.workspaceId },
      select: { ...KEY_SELECT, hash: true, hashAlgorithm: true },
    });
    if (!row) throw new NotFoundError(KEY_NOT_FOUND);
    if (!secretMatches(input.secret, row)) throw new UserFacingError(SECRET_MISMATCH);
    const { hash: _hash, hashAlgorithm: _algorithm, ...fields } = row;
    const key = toKeyView(fields, now);
    // A rotating key is winding down: handing over its secret would only start a new dependency on it.
    if (key.status !== "active" && key.status !== "expiring") {
      throw new ConflictError(`This key is ${KEY_STATUS_LABELS[key.status].toLowerCase()}: its secret is no longer worth handing over.`);
    }
    const id = randomUUID();
    const created = await tx.keyHandover.create({
      data: {
        id,
        workspaceId: change.workspaceId,
        keyId: key.id,
        tokenHash,
        sealedSecret: sealForHandover(input.secret, token, { handoverId: id, keyId: key.id }),
        createdById: change.actor.type === "system" ? "" : change.actor.id,
        createdByLabel: change.actor.label,
        createdAt: now,
        expiresAt: new Date(now.getTime() + HANDOVER_HOURS * 60 * 60 * 1000),
      },
      select: { id: true, keyId: true, expiresAt: true },
    });
    await appendAuditEvent(tx, {
      ...change,
      action: "key.handover_created",
      target: auditTarget(key),
      metadata: { handover: created.id, key: key.masked, expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  return { handover, token };
}

export async function cancelHandover(change: KeyChange, handoverId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    // Conditional, like opening: of a cancel and an open at once, exactly one changes the row.
    const cancelled = await tx.keyHandover.updateMany({
      where: { id: handoverId, workspaceId: change.workspaceId, openedAt: null, cancelledAt: null, expiresAt: { gt: now } },
      data: { cancelledAt: now, cancelledByLabel: change.actor.label, sealedSecret: "" },
    });
    const handover = await tx.keyHandover.findFirst({
      where: { id: handoverId, workspaceId: change.workspaceId },
      select: { id: true, keyId: true, openedAt: true, cancelledAt: true, expiresAt: true, key: { select: { id: true, name: true } } },
    });
    if (!handover) throw new NotFoundError(HANDOVER_NOT_FOUND);
    if (cancelled.count !== 1) {
      const state = handoverState(handover, now);
      throw new ConflictError(state === "pending" ? HANDOVER_NOT_FOUND : CANCEL_REFUSALS[state]);
    }
    await appendAuditEvent(tx, {
      ...change,
      action: "key.handover_cancelled",
      target: auditTarget(handover.key),
      metadata: { handover: handover.id },
    });
    return { keyId: handover.keyId };
  });
}

/** A key's handover links, newest first, for its page: who made each, and whether it was opened. */
export async function keyHandovers(workspaceId: string, keyId: string, now = new Date()) {
  const rows = await db.keyHandover.findMany({
    where: { workspaceId, keyId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 20,
    select: {
      id: true,
      createdByLabel: true,
      createdAt: true,
      expiresAt: true,
      openedAt: true,
      openedIp: true,
      openedUserAgent: true,
      cancelledAt: true,
      cancelledByLabel: true,
    },
  });
  return rows.map((row) => ({ ...row, state: handoverState(row, now) }));
}
