// The key lifecycle: create, edit, rotate, revoke, delete. Each runs in one transaction with its audit
// event, filters by the caller's workspace (another workspace's key answers as a missing one), and
// returns a secret only from create and rotate, for the caller to show once.
import { appendAuditEvent } from "@/lib/audit/append";
import type { AuditTarget } from "@/lib/audit/types";
import { assertMayGrantFullAccess } from "@/lib/auth/step-up";
import type { Tx } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { cancelPendingHandovers } from "@/lib/handover/cancel-on-revoke";
import type { MemberChange } from "@/lib/members/members";
import { defaultKeyRateLimit } from "@/lib/rate-limit/default-key-rate-limit";
import type { RateLimit } from "@/lib/rate-limit/rate-limit";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { type Access, type AccessMap, goneScopes, grants, isNarrower, type Scope, toAccessMap, toScopes } from "@/lib/scopes/scopes";
import type { ChangeKeyExpiryInput, CreateKeyInput, RotationGrace, UpdateKeyInput } from "@/lib/validation/keys";
import { endOfUtcDay, expiryFor, latestExpiryDate, ROTATION_GRACE } from "@/lib/validation/keys";
import { comparableName } from "@/lib/validation/text";
import { allowListEntries } from "./ip-allow-list";
import { displayParts, generateKey } from "./key-format";
import { storedHash } from "./key-hash";
import { keyChangeTransaction } from "./key-transaction";
import { ensureNameAvailable } from "./names";
import { auditTarget, KEY_SELECT, type KeyView, toKeyView } from "./records";
import { livePredecessors } from "./rotation-chain";
import { allows, type KeyStatus } from "./status";

export type KeyChange = MemberChange;

const KEY_NOT_FOUND = "That key was not found in this workspace.";
export const ROTATING_NOT_EDITABLE =
  "This key is the old key of a rotation and only works until its grace period ends, so it cannot be edited. Edit its replacement instead: narrowing the replacement narrows this key too.";

/**
 * Normalized, catalog-ordered scopes: the same grant always reads the same. Scopes the catalog no
 * longer has are inert and kept at the end as they were: only saving the edit form, which shows them,
 * removes them (the form sends none, and validation refuses them).
 */
function normalize(scopes: readonly string[], access: AccessMap = toAccessMap(loadedCatalog(), scopes)): string[] {
  const catalog = loadedCatalog();
  return [...toScopes(catalog, access), ...goneScopes(catalog, scopes)];
}

const rateLimitColumns = (limit: RateLimit | null) => ({
  rateLimitRequests: limit?.requests ?? null,
  rateLimitPeriod: limit?.period ?? null,
});
const sameRateLimit = (a: RateLimit | null, b: RateLimit | null) => a?.requests === b?.requests && a?.period === b?.period;

async function insertKey(
  tx: Tx,
  change: KeyChange,
  fields: {
    name: string;
    description: string;
    scopes: string[];
    ipAllowList: string[];
    rateLimit: RateLimit | null;
    expirationPolicy: string;
    expiresAt: Date | null;
    rotatedFromId?: string;
    createdAt: Date;
  },
) {
  const secret = generateKey();
  const row = await tx.apiKey.create({
    data: {
      workspaceId: change.workspaceId,
      name: fields.name,
      nameKey: comparableName(fields.name),
      description: fields.description,
      ...storedHash(secret),
      ...displayParts(secret),
      scopes: JSON.stringify(fields.scopes),
      ipAllowList: JSON.stringify(fields.ipAllowList),
      ...rateLimitColumns(fields.rateLimit),
      expirationPolicy: fields.expirationPolicy,
      expiresAt: fields.expiresAt,
      rotatedFromId: fields.rotatedFromId,
      createdAt: fields.createdAt,
      createdById: change.actor.type === "system" ? null : change.actor.id,
      createdByLabel: change.actor.label,
    },
    select: KEY_SELECT,
  });
  return { key: toKeyView(row), secret };
}

// `now` is when the change happens: the present, except for history replayed in order (lib/seed).
export async function createApiKey(change: KeyChange, input: CreateKeyInput, now = new Date()) {
  return keyChangeTransaction(change.workspaceId, (tx) => createApiKeyIn(tx, change, input, now));
}

/**
 * Creating a key inside a transaction the caller runs through keyChangeTransaction, for a change that
 * creates a key together with something else (approving an access request, lib/access-requests).
 */
export async function createApiKeyIn(tx: Tx, change: KeyChange, input: CreateKeyInput, now = new Date()) {
  await ensureNameAvailable(tx, change.workspaceId, input.name);
  const scopes = normalize(input.scopes);
  assertMayGrantFullAccess(change, [], scopes);
  const ipAllowList = allowListEntries(input.ipAllowList ?? "");
  // Keys created without a form (an approved access request, a template, the seed) get the default.
  const rateLimit = input.rateLimit === undefined ? defaultKeyRateLimit() : input.rateLimit;
  const created = await insertKey(tx, change, {
    name: input.name,
    description: input.description,
    scopes,
    ipAllowList,
    rateLimit,
    expirationPolicy: input.expiration,
    expiresAt: expiryFor(input, now),
    createdAt: now,
  });
  await appendAuditEvent(tx, {
    ...change,
    at: now,
    action: "key.created",
    target: auditTarget(created.key),
    metadata: {
      key: created.key.masked,
      scopes,
      expiresAt: created.key.expiresAt?.toISOString() ?? null,
      description: input.description || undefined,
      ipAllowList: ipAllowList.length ? ipAllowList : undefined,
      rateLimit: rateLimit ?? undefined,
    },
  });
  return created;
}

async function findKeyForChange(tx: Tx, workspaceId: string, keyId: string, now = new Date()) {
  const row = await tx.apiKey.findFirst({ where: { id: keyId, workspaceId }, select: KEY_SELECT });
  if (!row) throw new NotFoundError(KEY_NOT_FOUND);
  return toKeyView(row, now);
}

export async function updateApiKey(change: KeyChange, input: UpdateKeyInput) {
  return keyChangeTransaction(change.workspaceId, async (tx) => {
    const key = await findKeyForChange(tx, change.workspaceId, input.keyId);
    if (key.status === "revoked" || key.status === "expired" || key.status === "rotated")
      throw new ConflictError(`This key is ${key.status}; it can no longer be edited.`);
    // The old key of a rotation only winds down: widening it would hand the old secret access its
    // replacement may never get. Its replacement is edited instead, and a narrowing reaches it from there.
    if (key.status === "rotating") throw new ConflictError(ROTATING_NOT_EDITABLE);
    if (input.name !== key.name) await ensureNameAvailable(tx, change.workspaceId, input.name, key.id);
    const scopes = normalize(input.scopes);
    const scopesChanged = JSON.stringify(scopes) !== JSON.stringify(key.scopes);
    const ipAllowList = input.ipAllowList === undefined ? key.ipAllowList : allowListEntries(input.ipAllowList);
    const listChanged = JSON.stringify(ipAllowList) !== JSON.stringify(key.ipAllowList);
    const rateLimit = input.rateLimit === undefined ? key.rateLimit : input.rateLimit;
    const limitChanged = !sameRateLimit(rateLimit, key.rateLimit);
    const detailsChanged = input.name !== key.name || input.description !== key.description || listChanged || limitChanged;
    if (!scopesChanged && !detailsChanged) return key;

    const row = await tx.apiKey.update({
      where: { id: key.id },
      data: {
        name: input.name,
        nameKey: comparableName(input.name),
        description: input.description,
        scopes: JSON.stringify(scopes),
        ipAllowList: JSON.stringify(ipAllowList),
        ...rateLimitColumns(rateLimit),
      },
      select: KEY_SELECT,
    });
    const target = auditTarget({ id: key.id, name: input.name });
    if (detailsChanged) {
      await appendAuditEvent(tx, {
        ...change,
        action: "key.updated",
        target,
        metadata: {
          before: {
            name: key.name,
            description: key.description,
            ...(listChanged ? { ipAllowList: key.ipAllowList } : {}),
            ...(limitChanged ? { rateLimit: key.rateLimit } : {}),
          },
          after: {
            name: input.name,
            description: input.description,
            ...(listChanged ? { ipAllowList } : {}),
            ...(limitChanged ? { rateLimit } : {}),
          },
        },
      });
    }
    if (scopesChanged) {
      await recordScopesChange(tx, change, target, key.scopes, scopes);
      await narrowPredecessors(tx, change, key, limitsOf(key.scopes, scopes), "narrowed with its replacement");
    }
    return toKeyView(row);
  });
}

// Every change of a key's scopes is recorded here, inside its transaction: the one place to refuse new
// Full access from a session that must confirm again (the throw rolls back the update before it).
async function recordScopesChange(tx: Tx, change: KeyChange, target: AuditTarget, before: string[], after: string[], reason?: string) {
  assertMayGrantFullAccess(change, before, after);
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

/** Per resource, the level a change lowered it to: what the key's predecessors must not exceed. */
function limitsOf(before: string[], after: string[]): Record<string, Access> {
  const catalog = loadedCatalog();
  const was = toAccessMap(catalog, before);
  const now = toAccessMap(catalog, after);
  return Object.fromEntries(
    Object.keys(was).flatMap((resource) => (isNarrower(now[resource]!, was[resource]!) ? [[resource, now[resource]!]] : [])),
  );
}

function narrowed(scopes: string[], limits: Record<string, Access>): string[] {
  const access = toAccessMap(loadedCatalog(), scopes);
  for (const [resource, limit] of Object.entries(limits)) {
    const current = access[resource];
    if (current && isNarrower(limit, current)) access[resource] = limit;
  }
  return normalize(scopes, access);
}

/**
 * The same narrowing for every predecessor still in its grace period, each with its own audit event.
 * A predecessor may end with no scope at all (its replacement was widened elsewhere, then narrowed
 * here): it then authenticates but may call nothing until its grace ends, which is the safe side.
 */
async function narrowPredecessors(tx: Tx, change: KeyChange, key: KeyView, limits: Record<string, Access>, reason: string) {
  for (const previous of await livePredecessors(tx, change.workspaceId, key)) {
    const scopes = narrowed(previous.scopes, limits);
    if (JSON.stringify(scopes) === JSON.stringify(previous.scopes)) continue;
    await tx.apiKey.update({ where: { id: previous.id }, data: { scopes: JSON.stringify(scopes) }, select: { id: true } });
    await recordScopesChange(tx, change, auditTarget(previous), previous.scopes, scopes, reason);
  }
}

/**
 * Lowers a key's access on some resources to at most the given level, and never raises it: a limit
 * above the current grant changes nothing. The key keeps at least one scope. Its predecessors still in
 * their grace period are narrowed alike. Returns the audit event's id
 * (null when the key itself did not change), which is what an undo names.
 */
export async function narrowApiKeyScopes(change: KeyChange, keyId: string, limits: Record<string, Access>, reason: string) {
  return keyChangeTransaction(change.workspaceId, async (tx) => {
    const key = await findKeyForChange(tx, change.workspaceId, keyId);
    if (key.status !== "active" && key.status !== "expiring")
      throw new ConflictError(`This key is ${key.status}; only a live key's scopes can be narrowed.`);
    const scopes = narrowed(key.scopes, limits);
    if (!scopes.length) throw new ConflictError("A key needs at least one scope. Revoke the key instead.");
    // Even when the key itself is already that narrow, a predecessor may not be.
    await narrowPredecessors(tx, change, key, limits, reason);
    if (JSON.stringify(scopes) === JSON.stringify(key.scopes)) return { key, eventId: null };
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { scopes: JSON.stringify(scopes) }, select: KEY_SELECT });
    const event = await recordScopesChange(tx, change, auditTarget(key), key.scopes, scopes, reason);
    return { key: toKeyView(row), eventId: event.id };
  });
}

/**
 * Undoes one narrowing: puts back exactly the scopes its audit event says the key had before. Only
 * while that event is the last thing that happened to the key (no edit, rotation or revocation since)
 * and not older than `within` ms, so an undo can neither widen a key beyond what it had nor overwrite
 * a later change. A second audited change, not an erasure of the first. Predecessors in their grace
 * period that the same narrowing lowered (their events sit just before it in the chain, written by the
 * same transaction) are put back alike.
 */
export async function undoNarrowing(
  change: KeyChange,
  keyId: string,
  eventId: string,
  rules: { narrowedFor: string; reason: string; withinMs: number },
) {
  return keyChangeTransaction(change.workspaceId, async (tx) => {
    const key = await findKeyForChange(tx, change.workspaceId, keyId);
    const last = await lastKeyEvent(tx, change.workspaceId, key.id);
    const narrowing = last?.id === eventId ? narrowingIn(last, rules) : null;
    if (!last || !narrowing)
      throw new ConflictError(
        "This narrowing can no longer be undone: the key has changed since, or it was too long ago. Edit the key instead.",
      );
    if (key.status !== "active" && key.status !== "expiring")
      throw new ConflictError(`This key is ${key.status}; its scopes can no longer change.`);
    if (JSON.stringify(narrowing.after) !== JSON.stringify(key.scopes))
      throw new ConflictError("This narrowing can no longer be undone: the key's scopes have changed since. Edit the key instead.");
    const predecessors = await livePredecessors(tx, change.workspaceId, key);
    for (const previous of predecessors) {
      const event = await lastKeyEvent(tx, change.workspaceId, previous.id);
      const lowered = event && event.seq < last.seq && event.seq >= last.seq - predecessors.length ? narrowingIn(event, rules) : null;
      if (!lowered || JSON.stringify(lowered.after) !== JSON.stringify(previous.scopes)) continue;
      await tx.apiKey.update({ where: { id: previous.id }, data: { scopes: JSON.stringify(lowered.before) }, select: { id: true } });
      await recordScopesChange(tx, change, auditTarget(previous), previous.scopes, lowered.before, rules.reason);
    }
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { scopes: JSON.stringify(narrowing.before) }, select: KEY_SELECT });
    await recordScopesChange(tx, change, auditTarget(key), key.scopes, narrowing.before, rules.reason);
    return toKeyView(row);
  });
}

/** The key's latest change; a refused attempt on it (action.refused) changed nothing and does not count. */
function lastKeyEvent(tx: Tx, workspaceId: string, keyId: string) {
  return tx.auditEvent.findFirst({
    where: { workspaceId, targetType: "api_key", targetId: keyId, action: { not: "action.refused" } },
    orderBy: { seq: "desc" },
  });
}

/** The scope change an event records, when it is a narrowing for `narrowedFor` young enough to undo. */
function narrowingIn(
  event: { action: string; metadata: string; createdAt: Date },
  rules: { narrowedFor: string; withinMs: number },
): ScopesChange | null {
  if (event.action !== "key.scopes_changed" || Date.now() - event.createdAt.getTime() > rules.withinMs) return null;
  const change = JSON.parse(event.metadata) as ScopesChange;
  return change.reason === rules.narrowedFor ? change : null;
}

type ScopesChange = { before: string[]; after: string[]; reason?: string };

/** Raises one resource of a live key to the given scope's level (the usage page's "Grant"), audited. */
export async function raiseApiKeyScope(change: KeyChange, keyId: string, scope: Scope, reason: string) {
  return keyChangeTransaction(change.workspaceId, async (tx) => {
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

export async function rotateApiKey(change: KeyChange, keyId: string, grace: RotationGrace, now = new Date()) {
  return keyChangeTransaction(change.workspaceId, async (tx) => {
    const old = await findKeyForChange(tx, change.workspaceId, keyId, now);
    if (old.status === "rotating") throw new ConflictError("This key is already being rotated. Revoke it to stop it now.");
    if (!allows(old.status, "rotate")) throw new ConflictError(`This key is ${old.status}; create a new key instead.`);

    // The replacement keeps the old key's policy: a fixed date stays that date, a period starts anew.
    const expiresAt =
      old.expirationPolicy === "custom"
        ? old.expiresAt
        : expiryFor({ expiration: old.expirationPolicy as "never" | "30" | "60" | "90" }, now);
    const replacement = await insertKey(tx, change, {
      name: old.name,
      description: old.description,
      scopes: old.scopes,
      ipAllowList: old.ipAllowList,
      rateLimit: old.rateLimit,
      expirationPolicy: old.expirationPolicy,
      expiresAt,
      rotatedFromId: old.id,
      createdAt: now,
    });
    // The old key works until its grace ends, and never past its own expiry.
    const graceEnd = new Date(now.getTime() + ROTATION_GRACE[grace].seconds * 1000);
    const oldEnd = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
    await tx.apiKey.update({ where: { id: old.id }, data: { expiresAt: oldEnd } });
    // Two events: the replacement's history starts with its creation, the old key's records the rotation.
    await appendAuditEvent(tx, {
      ...change,
      at: now,
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
      at: now,
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

/**
 * Revokes the key and every predecessor of its rotation chain that still works: revoking a replacement
 * while its old key went on working for the rest of the grace period would leave a way in open. One
 * audit event per revoked key, all in this transaction.
 */
export async function revokeApiKey(change: KeyChange, keyId: string, reason: string, now = new Date()) {
  return keyChangeTransaction(change.workspaceId, async (tx) => {
    const key = await findKeyForChange(tx, change.workspaceId, keyId, now);
    if (key.status === "revoked") throw new ConflictError("This key is already revoked.");
    const predecessors = await livePredecessors(tx, change.workspaceId, key, now);
    const revocation = {
      revokedAt: now,
      revokedById: change.actor.type === "system" ? null : change.actor.id,
      revokedByLabel: change.actor.label,
      revokeReason: reason || null,
    };
    for (const target of [key, ...predecessors]) {
      // Conditional on revokedAt still being null, so a revocation that got here first is never overwritten.
      const { count } = await tx.apiKey.updateMany({ where: { id: target.id, revokedAt: null }, data: revocation });
      if (count === 0) throw new ConflictError("This key is already revoked.");
      await appendAuditEvent(tx, {
        ...change,
        at: now,
        action: "key.revoked",
        target: auditTarget(target),
        metadata: {
          key: target.masked,
          reason: reason || undefined,
          statusBefore: target.status,
          withReplacement: target === key ? undefined : { id: key.id, key: key.masked },
        },
      });
      await cancelPendingHandovers(tx, change, target, now);
    }
    return { revoked: [key, ...predecessors].map((revoked) => ({ id: revoked.id, masked: revoked.masked })) };
  });
}

export async function deleteApiKey(change: KeyChange, keyId: string) {
  return keyChangeTransaction(change.workspaceId, async (tx) => {
    const key = await findKeyForChange(tx, change.workspaceId, keyId);
    if (!allows(key.status, "delete"))
      throw new ConflictError("Only revoked, expired or rotated keys can be deleted. Revoke the key first.");
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

/** Why a key's expiry cannot move, for each status in which it cannot. */
const EXPIRY_FIXED: Partial<Record<KeyStatus, string>> = {
  rotating: "This key is in its grace period after a rotation and ends as planned. Revoke it to stop it sooner.",
  rotated: "This key was rotated. Change the expiry of its replacement instead.",
  expired: "This key has expired; create a new key instead.",
  revoked: "This key is revoked; its expiry no longer applies.",
};

/**
 * Moves a live key's expiry to the end of another UTC day. Earlier is always allowed (cutting a key's
 * life short is the safe side); later, or a first expiry for a key that never expired, only up to the
 * policy's one year from now, as at creation. The
 * key's policy becomes that fixed date, so a rotation keeps it. Predecessors still in their grace
 * period never outlive it: their end is brought forward with it, each with its own event.
 */
export async function changeApiKeyExpiry(change: KeyChange, input: ChangeKeyExpiryInput, now = new Date()) {
  return keyChangeTransaction(change.workspaceId, async (tx) => {
    const key = await findKeyForChange(tx, change.workspaceId, input.keyId);
    if (!allows(key.status, "change-expiry")) throw new ConflictError(EXPIRY_FIXED[key.status] ?? `This key is ${key.status}.`);
    const expiresAt = endOfUtcDay(input.expiresOn);
    if (key.expiresAt?.getTime() === expiresAt.getTime()) return key;
    // Beyond the policy's year only when that is still earlier than the key's own end (never is no end).
    const shortens = key.expiresAt !== null && expiresAt < key.expiresAt;
    if (!shortens && input.expiresOn > latestExpiryDate(now))
      throw new ConflictError("A key can expire at most one year from today. Choose an earlier date.");
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { expiresAt, expirationPolicy: "custom" }, select: KEY_SELECT });
    await recordExpiryChange(tx, change, key, expiresAt);
    for (const previous of await livePredecessors(tx, change.workspaceId, key, now)) {
      if (previous.expiresAt && previous.expiresAt <= expiresAt) continue;
      await tx.apiKey.update({ where: { id: previous.id }, data: { expiresAt }, select: { id: true } });
      await recordExpiryChange(tx, change, previous, expiresAt, "shortened with its replacement");
    }
    return toKeyView(row, now);
  });
}

async function recordExpiryChange(tx: Tx, change: KeyChange, key: KeyView, expiresAt: Date, reason?: string) {
  await appendAuditEvent(tx, {
    ...change,
    action: "key.expiry_changed",
    target: auditTarget(key),
    metadata: { key: key.masked, before: key.expiresAt?.toISOString() ?? null, after: expiresAt.toISOString(), reason },
  });
}
