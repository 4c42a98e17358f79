// The key lifecycle: create, edit, rotate, revoke, delete. Each runs in one transaction with its audit
// event, filters by the caller's workspace (another workspace's key answers as a missing one), and
// returns a secret only from create and rotate, for the caller to show once.
import { appendAuditEvent } from "@/lib/audit/append";
import type { AuditTarget } from "@/lib/audit/types";
import { db, type Tx } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { MemberChange } from "@/lib/members/members";
import { type Access, grants, isNarrower, type Scope, toAccessMap, toScopes } from "@/lib/scopes/scopes";
import type { CreateKeyInput, RotationGrace, UpdateKeyInput } from "@/lib/validation/keys";
import { expiryFor, ROTATION_GRACE } from "@/lib/validation/keys";
import { serializeWorkspaceChanges } from "@/lib/workspace-lock";
import { displayParts, generateKey, HASH_ALGORITHM, hashKey } from "./key-format";
import { ensureNameAvailable } from "./names";
import { auditTarget, KEY_SELECT, toKeyView } from "./records";

export type KeyChange = MemberChange;

const KEY_NOT_FOUND = "That key was not found in this workspace.";

/** Normalized, catalog-ordered scopes: the same grant always reads the same. */
function normalize(scopes: readonly string[]): string[] {
  return toScopes(toAccessMap(scopes));
}

async function insertKey(
  tx: Tx,
  change: KeyChange,
  fields: { name: string; description: string; scopes: string[]; expirationPolicy: string; expiresAt: Date | null; rotatedFromId?: string },
) {
  const secret = generateKey();
  const row = await tx.apiKey.create({
    data: {
      workspaceId: change.workspaceId,
      name: fields.name,
      description: fields.description,
      hash: hashKey(secret),
      hashAlgorithm: HASH_ALGORITHM,
      ...displayParts(secret),
      scopes: JSON.stringify(fields.scopes),
      expirationPolicy: fields.expirationPolicy,
      expiresAt: fields.expiresAt,
      rotatedFromId: fields.rotatedFromId,
      createdById: change.actor.type === "system" ? null : change.actor.id,
      createdByLabel: change.actor.label,
    },
    select: KEY_SELECT,
  });
  return { key: toKeyView(row), secret };
}

export async function createApiKey(change: KeyChange, input: CreateKeyInput) {
  return db.$transaction(async (tx) => {
    await serializeWorkspaceChanges(tx, change.workspaceId);
    await ensureNameAvailable(tx, change.workspaceId, input.name);
    const scopes = normalize(input.scopes);
    const created = await insertKey(tx, change, {
      name: input.name,
      description: input.description,
      scopes,
      expirationPolicy: input.expiration,
      expiresAt: expiryFor(input),
    });
    await appendAuditEvent(tx, {
      ...change,
      action: "key.created",
      target: auditTarget(created.key),
      metadata: {
        key: created.key.masked,
        scopes,
        expiresAt: created.key.expiresAt?.toISOString() ?? null,
        description: input.description || undefined,
      },
    });
    return created;
  });
}

async function findKeyForChange(tx: Tx, workspaceId: string, keyId: string) {
  const row = await tx.apiKey.findFirst({ where: { id: keyId, workspaceId }, select: KEY_SELECT });
  if (!row) throw new NotFoundError(KEY_NOT_FOUND);
  return toKeyView(row);
}

export async function updateApiKey(change: KeyChange, input: UpdateKeyInput) {
  return db.$transaction(async (tx) => {
    await serializeWorkspaceChanges(tx, change.workspaceId);
    const key = await findKeyForChange(tx, change.workspaceId, input.keyId);
    if (key.status === "revoked" || key.status === "expired")
      throw new ConflictError(`This key is ${key.status}; it can no longer be edited.`);
    if (input.name !== key.name) await ensureNameAvailable(tx, change.workspaceId, input.name, key.id);
    const scopes = normalize(input.scopes);
    const scopesChanged = JSON.stringify(scopes) !== JSON.stringify(key.scopes);
    const detailsChanged = input.name !== key.name || input.description !== key.description;
    if (!scopesChanged && !detailsChanged) return key;

    const row = await tx.apiKey.update({
      where: { id: key.id },
      data: { name: input.name, description: input.description, scopes: JSON.stringify(scopes) },
      select: KEY_SELECT,
    });
    const target = auditTarget({ id: key.id, name: input.name });
    if (detailsChanged) {
      await appendAuditEvent(tx, {
        ...change,
        action: "key.updated",
        target,
        metadata: { before: { name: key.name, description: key.description }, after: { name: input.name, description: input.description } },
      });
    }
    if (scopesChanged) await recordScopesChange(tx, change, target, key.scopes, scopes);
    return toKeyView(row);
  });
}

async function recordScopesChange(tx: Tx, change: KeyChange, target: AuditTarget, before: string[], after: string[], reason?: string) {
  return appendAuditEvent(tx, {
    ...change,
    action: "key.scopes_changed",
    target,
    metadata: {
      before,
      after,
      added: after.filter((s) => !before.includes(s)),
      removed: before.filter((s) => !after.includes(s)),
      reason,
    },
  });
}

/**
 * Lowers a key's access on some resources to at most the given level, and never raises it: a limit
 * above the current grant changes nothing. The key keeps at least one scope. Returns the audit event's
 * id (null when nothing changed), which is what an undo names.
 */
export async function narrowApiKeyScopes(change: KeyChange, keyId: string, limits: Record<string, Access>, reason: string) {
  return db.$transaction(async (tx) => {
    await serializeWorkspaceChanges(tx, change.workspaceId);
    const key = await findKeyForChange(tx, change.workspaceId, keyId);
    if (key.status !== "active" && key.status !== "expiring")
      throw new ConflictError(`This key is ${key.status}; only a live key's scopes can be narrowed.`);
    const access = toAccessMap(key.scopes);
    for (const [resource, limit] of Object.entries(limits)) {
      const current = access[resource];
      if (current && isNarrower(limit, current)) access[resource] = limit;
    }
    const scopes = toScopes(access);
    if (JSON.stringify(scopes) === JSON.stringify(key.scopes)) return { key, eventId: null };
    if (!scopes.length) throw new ConflictError("A key needs at least one scope. Revoke the key instead.");
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { scopes: JSON.stringify(scopes) }, select: KEY_SELECT });
    const event = await recordScopesChange(tx, change, auditTarget(key), key.scopes, scopes, reason);
    return { key: toKeyView(row), eventId: event.id };
  });
}

/**
 * Undoes one narrowing: puts back exactly the scopes its audit event says the key had before. Only
 * while that event is the last thing that happened to the key (no edit, rotation or revocation since)
 * and not older than `within` ms, so an undo can neither widen a key beyond what it had nor overwrite
 * a later change. A second audited change, not an erasure of the first.
 */
export async function undoNarrowing(
  change: KeyChange,
  keyId: string,
  eventId: string,
  rules: { narrowedFor: string; reason: string; withinMs: number },
) {
  return db.$transaction(async (tx) => {
    await serializeWorkspaceChanges(tx, change.workspaceId);
    const key = await findKeyForChange(tx, change.workspaceId, keyId);
    const last = await tx.auditEvent.findFirst({
      where: { workspaceId: change.workspaceId, targetType: "api_key", targetId: key.id },
      orderBy: { seq: "desc" },
    });
    const narrowing = last?.id === eventId && last.action === "key.scopes_changed" ? (JSON.parse(last.metadata) as ScopesChange) : null;
    if (!narrowing || narrowing.reason !== rules.narrowedFor || Date.now() - last!.createdAt.getTime() > rules.withinMs)
      throw new ConflictError(
        "This narrowing can no longer be undone: the key has changed since, or it was too long ago. Edit the key instead.",
      );
    if (key.status !== "active" && key.status !== "expiring")
      throw new ConflictError(`This key is ${key.status}; its scopes can no longer change.`);
    if (JSON.stringify(narrowing.after) !== JSON.stringify(key.scopes))
      throw new ConflictError("This narrowing can no longer be undone: the key's scopes have changed since. Edit the key instead.");
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { scopes: JSON.stringify(narrowing.before) }, select: KEY_SELECT });
    await recordScopesChange(tx, change, auditTarget(key), key.scopes, narrowing.before, rules.reason);
    return toKeyView(row);
  });
}

type ScopesChange = { before: string[]; after: string[]; reason?: string };

/** Raises one resource of a live key to the given scope's level (the usage page's "Grant"), audited. */
export async function raiseApiKeyScope(change: KeyChange, keyId: string, scope: Scope, reason: string) {
  return db.$transaction(async (tx) => {
    await serializeWorkspaceChanges(tx, change.workspaceId);
    const key = await findKeyForChange(tx, change.workspaceId, keyId);
    if (key.status !== "active" && key.status !== "expiring")
      throw new ConflictError(`This key is ${key.status}; only a live key's scopes can change.`);
    if (grants(key.scopes, scope)) throw new ConflictError(`This key already grants ${scope}.`);
    const scopes = normalize([...key.scopes, scope]);
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { scopes: JSON.stringify(scopes) }, select: KEY_SELECT });
    await recordScopesChange(tx, change, auditTarget(key), key.scopes, scopes, reason);
    return toKeyView(row);
  });
}

export async function rotateApiKey(change: KeyChange, keyId: string, grace: RotationGrace) {
  return db.$transaction(async (tx) => {
    await serializeWorkspaceChanges(tx, change.workspaceId);
    const old = await findKeyForChange(tx, change.workspaceId, keyId);
    if (old.status === "rotating") throw new ConflictError("This key is already being rotated. Revoke it to stop it now.");
    if (old.status === "revoked" || old.status === "expired")
      throw new ConflictError(`This key is ${old.status}; create a new key instead.`);

    const now = new Date();
    // The replacement keeps the old key's policy: a fixed date stays that date, a period starts anew.
    const expiresAt =
      old.expirationPolicy === "custom"
        ? old.expiresAt
        : expiryFor({ expiration: old.expirationPolicy as "never" | "30" | "60" | "90" }, now);
    const replacement = await insertKey(tx, change, {
      name: old.name,
      description: old.description,
      scopes: old.scopes,
      expirationPolicy: old.expirationPolicy,
      expiresAt,
      rotatedFromId: old.id,
    });
    // The old key works until its grace ends, and never past its own expiry.
    const graceEnd = new Date(now.getTime() + ROTATION_GRACE[grace].seconds * 1000);
    const oldEnd = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
    await tx.apiKey.update({ where: { id: old.id }, data: { expiresAt: oldEnd } });
    // Two events: the replacement's history starts with its creation, the old key's records the rotation.
    await appendAuditEvent(tx, {
      ...change,
      action: "key.created",
      target: auditTarget(replacement.key),
      metadata: {
        key: replacement.key.masked,
        scopes: old.scopes,
        expiresAt: expiresAt?.toISOString() ?? null,
        rotatedFrom: { id: old.id, key: old.masked },
      },
    });
    await appendAuditEvent(tx, {
      ...change,
      action: "key.rotated",
      target: auditTarget(old),
      metadata: {
        key: old.masked,
        replacedBy: { id: replacement.key.id, key: replacement.key.masked },
        grace,
        oldKeyWorksUntil: oldEnd.toISOString(),
      },
    });
    return replacement;
  });
}

export async function revokeApiKey(change: KeyChange, keyId: string, reason: string) {
  return db.$transaction(async (tx) => {
    const key = await findKeyForChange(tx, change.workspaceId, keyId);
    if (key.status === "revoked") throw new ConflictError("This key is already revoked.");
    // Conditional on revokedAt still being null: of two concurrent revocations, one writes.
    const { count } = await tx.apiKey.updateMany({
      where: { id: key.id, revokedAt: null },
      data: {
        revokedAt: new Date(),
        revokedById: change.actor.type === "system" ? null : change.actor.id,
        revokedByLabel: change.actor.label,
        revokeReason: reason || null,
      },
    });
    if (count === 0) throw new ConflictError("This key is already revoked.");
    await appendAuditEvent(tx, {
      ...change,
      action: "key.revoked",
      target: auditTarget(key),
      metadata: { key: key.masked, reason: reason || undefined, statusBefore: key.status },
    });
  });
}

export async function deleteApiKey(change: KeyChange, keyId: string) {
  return db.$transaction(async (tx) => {
    const key = await findKeyForChange(tx, change.workspaceId, keyId);
    if (key.status !== "revoked" && key.status !== "expired")
      throw new ConflictError("Only revoked or expired keys can be deleted. Revoke the key first.");
    await tx.apiKey.delete({ where: { id: key.id } });
    // The key's audit events stay: they name it by id and name, not by a foreign key.
    await appendAuditEvent(tx, {
      ...change,
      action: "key.deleted",
      target: auditTarget(key),
      metadata: { key: key.masked, statusBefore: key.status, scopes: key.scopes },
    });
  });
}
