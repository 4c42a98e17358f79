// link = HMAC-SHA-256(audit key, prevLink || canonical event). The fields linked are every column that
// says what happened, so an edit to any of them, a deletion or a reordering breaks the chain; the key is
// not in the database, so a rewritten chain cannot be re-linked by whoever wrote the database.
// Events written before the chain was keyed carry "sha256": the same construction without a key.
import { createHash, createHmac, type KeyObject } from "node:crypto";
import type { VersionedSecret } from "@/lib/secrets/versioned-secrets";
import type { AuditKeys } from "./audit-keys";
import { canonicalJson } from "./canonical";

export type ChainedFields = {
  workspaceId: string;
  seq: number;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  metadata: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
};

export const UNKEYED_ALGORITHM = "sha256";
const KEYED_PREFIX = "hmac-sha256:";

export function keyedAlgorithm(key: VersionedSecret): string {
  return `${KEYED_PREFIX}${key.id}`;
}

/** The text of an event that its link and its content digest (lib/audit/content-digest.ts) are taken over. */
export function eventText(event: ChainedFields): string {
  const { workspaceId, seq, actorType, actorId, actorLabel, action, targetType, targetId, targetLabel, metadata, ip, userAgent } = event;
  // Only the chained columns, whatever else the row carries (its id, its own link).
  return canonicalJson({
    workspaceId,
    seq,
    actorType,
    actorId,
    actorLabel,
    action,
    targetType,
    targetId,
    targetLabel,
    metadata,
    ip,
    userAgent,
    createdAt: event.createdAt.toISOString(),
  });
}

export function chainLink(key: KeyObject, prevLink: string, event: ChainedFields): string {
  return createHmac("sha256", key).update(prevLink).update(eventText(event)).digest("hex");
}

export function unkeyedLink(prevLink: string, event: ChainedFields): string {
  return createHash("sha256").update(prevLink).update(eventText(event)).digest("hex");
}

/** The link an event should have under the algorithm it names, or null when that names a key not configured. */
export function expectedLink(algorithm: string, keys: AuditKeys, prevLink: string, event: ChainedFields): string | null {
  if (algorithm === UNKEYED_ALGORITHM) return unkeyedLink(prevLink, event);
  if (!algorithm.startsWith(KEYED_PREFIX)) return null;
  const id = algorithm.slice(KEYED_PREFIX.length);
  const key = [keys.current, ...keys.previous].find((candidate) => candidate.id === id);
  return key ? chainLink(key.key, prevLink, event) : null;
}
