// link = HMAC-SHA-256(audit key, prevLink || canonical event). The fields linked are every column that
// says what happened, so an edit to any of them, a deletion or a reordering breaks the chain; the key is
// not in the database, so a rewritten chain cannot be re-linked by whoever wrote the database.
// Events written before the chain was keyed carry "sha256": the same construction without a key.
import { createHash, createHmac, type KeyObject } from "node:crypto";
import type { VersionedSecret } from "@/lib/secrets/versioned-secrets";
import type { AuditKeys } from "./audit-keys";

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

/**
 * The text of an event that its link and its content digest (lib/audit/content-digest.ts) are taken over:
 * canonicalJson (lib/audit/canonical.ts) of the chained columns, whatever else the row carries (its id,
 * its own link). Written out rather than sorted at each call, since a walk does this a million times:
 * the keys stand in sorted order and every value is flat (text, number or null), which is exactly what
 * canonicalJson would give (hash.test.ts holds the two equal).
 */
export function eventText(event: ChainedFields): string {
  return JSON.stringify({
    action: event.action,
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    actorType: event.actorType,
    createdAt: event.createdAt.toISOString(),
    ip: event.ip,
    metadata: event.metadata,
    seq: event.seq,
    targetId: event.targetId,
    targetLabel: event.targetLabel,
    targetType: event.targetType,
    userAgent: event.userAgent,
    workspaceId: event.workspaceId,
  });
}

export function chainLink(key: KeyObject, prevLink: string, event: ChainedFields): string {
  return keyedLinkOfText(key, prevLink, eventText(event));
}

export function unkeyedLink(prevLink: string, event: ChainedFields): string {
  return unkeyedLinkOfText(prevLink, eventText(event));
}

function keyedLinkOfText(key: KeyObject, prevLink: string, text: string): string {
  return createHmac("sha256", key).update(prevLink).update(text).digest("hex");
}

function unkeyedLinkOfText(prevLink: string, text: string): string {
  return createHash("sha256").update(prevLink).update(text).digest("hex");
}

/**
 * The link an event should have under the algorithm it names, or null when that names a key not
 * configured. Takes the event's text (eventText), which a walk computes once for the link and the digest.
 */
export function expectedLink(algorithm: string, keys: AuditKeys, prevLink: string, text: string): string | null {
  if (algorithm === UNKEYED_ALGORITHM) return unkeyedLinkOfText(prevLink, text);
  if (!algorithm.startsWith(KEYED_PREFIX)) return null;
  const id = algorithm.slice(KEYED_PREFIX.length);
  const key = keys.current.id === id ? keys.current : keys.previous.find((candidate) => candidate.id === id);
  return key ? keyedLinkOfText(key.key, prevLink, text) : null;
}
