// "Scopes granted but unused in the last 30 days": for each live key, what it may do that no request
// needed, and the narrowest grant that would still have served every request. A request that passed
// the scope check counts even when it then failed (a 404, a 422): narrowing would turn it into a 403. A rotation
// chain counts as one key: the replacement inherits its predecessors' use, so rotating a key does not
// make all its scopes look unused.
import { maskedKey } from "@/lib/api-keys/key-format";
import { db } from "@/lib/db";
import { findResource } from "@/lib/scopes/catalog";
import { type Access, isNarrower, parseScope, toAccessMap } from "@/lib/scopes/scopes";
import { SCOPE_USED_DECISIONS } from "./outcomes";

export const UNUSED_WINDOW_DAYS = 30;
/** The workspace view checks this many live keys, newest first. */
export const UNUSED_KEYS_CHECKED = 100;
const MAX_CHAIN = 20;
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

export type UnusedScope = { resource: string; label: string; granted: Access; suggested: Access };
export type KeyUnusedScopes = {
  keyId: string;
  name: string;
  masked: string;
  /** When the evidence starts: 30 days ago, or when the key (or the first of its chain) was created. */
  observedSince: string;
  unused: UnusedScope[];
  /** Narrowing every unused scope would leave the key with no access at all. */
  narrowsToNothing: boolean;
};

type LiveKey = { id: string; name: string; prefix: string; last4: string; scopes: string; createdAt: Date; rotatedFromId: string | null };

const LIVE_KEY_SELECT = { id: true, name: true, prefix: true, last4: true, scopes: true, createdAt: true, rotatedFromId: true } as const;

function liveKeyWhere(workspaceId: string, now: Date) {
  return { workspaceId, revokedAt: null, rotatedTo: { is: null }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/** Each key's predecessors (the keys it replaced, and theirs), with when the chain began. */
async function rotationChains(workspaceId: string, keys: LiveKey[]) {
  const chains = new Map(keys.map((key) => [key.id, { ids: [key.id], startedAt: key.createdAt, next: key.rotatedFromId }]));
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const wanted = [...chains.values()].flatMap((chain) => (chain.next ? [chain.next] : []));
    if (!wanted.length) break;
    const found = await db.apiKey.findMany({
      where: { workspaceId, id: { in: wanted } },
      select: { id: true, createdAt: true, rotatedFromId: true },
    });
    const byId = new Map(found.map((key) => [key.id, key]));
    for (const chain of chains.values()) {
      const previous = chain.next ? byId.get(chain.next) : undefined;
      chain.next = previous?.rotatedFromId ?? null;
      if (!previous) continue;
      chain.ids.push(previous.id);
      chain.startedAt = previous.createdAt;
    }
  }
  return chains;
}

/** The highest level each key actually used per resource since `since` (counted by the hour). */
async function usedLevels(workspaceId: string, keyIds: string[], since: Date) {
  const hour = new Date(Math.floor(since.getTime() / HOUR_MS) * HOUR_MS);
  const rows = await db.usageRollup.groupBy({
    by: ["keyId", "requiredScope"],
    where: { workspaceId, keyId: { in: keyIds }, decision: { in: [...SCOPE_USED_DECISIONS] }, hour: { gte: hour } },
  });
  const used = new Map<string, Map<string, Access>>();
  for (const row of rows) {
    const scope = row.requiredScope ? parseScope(row.requiredScope) : null;
    if (!scope) continue;
    const levels = used.get(row.keyId) ?? new Map<string, Access>();
    if (levels.get(scope.resource) !== "write") levels.set(scope.resource, scope.level);
    used.set(row.keyId, levels);
  }
  return used;
}

function unusedOf(key: LiveKey, used: Map<string, Access>): UnusedScope[] {
  const granted = toAccessMap(JSON.parse(key.scopes) as string[]);
  return Object.entries(granted).flatMap(([resource, access]) => {
    const needed = used.get(resource) ?? "none";
    if (!isNarrower(needed, access)) return [];
    return [{ resource, label: findResource(resource)?.label ?? resource, granted: access, suggested: needed }];
  });
}

async function unusedScopesOf(workspaceId: string, keys: LiveKey[], now: Date): Promise<KeyUnusedScopes[]> {
  const windowStart = new Date(now.getTime() - UNUSED_WINDOW_DAYS * DAY_MS);
  const chains = await rotationChains(workspaceId, keys);
  const used = await usedLevels(
    workspaceId,
    [...chains.values()].flatMap((chain) => chain.ids),
    windowStart,
  );
  return keys.map((key) => {
    const chain = chains.get(key.id)!;
    const chainUse = new Map<string, Access>();
    for (const id of chain.ids) {
      for (const [resource, level] of used.get(id) ?? []) {
        if (isNarrower(chainUse.get(resource) ?? "none", level)) chainUse.set(resource, level);
      }
    }
    const unused = unusedOf(key, chainUse);
    // Scopes are stored normalized, one per resource.
    const granted = (JSON.parse(key.scopes) as string[]).length;
    return {
      keyId: key.id,
      name: key.name,
      masked: maskedKey(key),
      observedSince: (chain.startedAt > windowStart ? chain.startedAt : windowStart).toISOString(),
      unused,
      narrowsToNothing: unused.filter((scope) => scope.suggested === "none").length === granted,
    };
  });
}

/** One key's unused scopes, or null when it is not a live key of this workspace. */
export async function unusedScopesOfKey(workspaceId: string, keyId: string, now = new Date()): Promise<KeyUnusedScopes | null> {
  const key = await db.apiKey.findFirst({ where: { id: keyId, ...liveKeyWhere(workspaceId, now) }, select: LIVE_KEY_SELECT });
  return key ? ((await unusedScopesOf(workspaceId, [key], now))[0] ?? null) : null;
}

/** The workspace's live keys that hold unused scopes (of the newest UNUSED_KEYS_CHECKED live keys). */
export async function keysWithUnusedScopes(workspaceId: string, now = new Date()) {
  const keys = await db.apiKey.findMany({
    where: liveKeyWhere(workspaceId, now),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: UNUSED_KEYS_CHECKED + 1,
    select: LIVE_KEY_SELECT,
  });
  const checked = keys.slice(0, UNUSED_KEYS_CHECKED);
  const results = await unusedScopesOf(workspaceId, checked, now);
  return { keys: results.filter((key) => key.unused.length > 0), checked: checked.length, more: keys.length > UNUSED_KEYS_CHECKED };
}
