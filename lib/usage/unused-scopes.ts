// "Scopes granted but unused in the last 30 days": for each live key, what it may do that no request
// needed, and the narrowest grant that would still have served every request. A request that passed
// the scope check counts even when it then failed (a 404, a 422): narrowing would turn it into a 403. A rotation
// chain counts as one key: the replacement inherits its predecessors' use, so rotating a key does not
// make all its scopes look unused. Suggestions wait until the chain has been watched long enough and
// served enough requests to judge (READINESS); what the key was refused is reported beside them, so the
// advice fits what the integration actually does.
import { maskedKey } from "@/lib/api-keys/key-format";
import { db } from "@/lib/db";
import { type AccessLevel, findResource } from "@/lib/scopes/catalog";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { type Access, effectiveScopes, grants, isNarrower, parseScope, type Scope, supports, toAccessMap } from "@/lib/scopes/scopes";
import { SCOPE_USED_DECISIONS } from "./outcomes";
import { READINESS } from "./readiness";

export const UNUSED_WINDOW_DAYS = 30;
/** The workspace view checks this many live keys, newest first. */
export const UNUSED_KEYS_CHECKED = 100;
const MAX_CHAIN = 20;
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

export type UnusedScope = { resource: string; label: string; granted: Access; suggested: Access };
/** A scope the key lacks and was refused for (missing_scope), with how many requests it refused. */
export type RefusedScope = { scope: Scope; resource: string; label: string; level: AccessLevel; requests: number };
export type KeyUnusedScopes = {
  keyId: string;
  name: string;
  masked: string;
  /** When the evidence starts: 30 days ago, or when the key (or the first of its chain) was created. */
  observedSince: string;
  /** Requests of the chain since observedSince, whatever their outcome. */
  requests: number;
  /** Watched long enough (READINESS) for `unused` to be judged; until then it is empty. */
  ready: boolean;
  unused: UnusedScope[];
  refused: RefusedScope[];
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

type Evidence = { used: Map<string, Access>; refused: Map<string, number>; requests: number };

const noEvidence = (): Evidence => ({ used: new Map(), refused: new Map(), requests: 0 });

/** Per key since `since` (counted by the hour): the highest level used per resource, refusals by scope, all requests. */
async function evidenceOf(workspaceId: string, keyIds: string[], since: Date) {
  const hour = new Date(Math.floor(since.getTime() / HOUR_MS) * HOUR_MS);
  const rows = await db.usageRollup.groupBy({
    by: ["keyId", "requiredScope", "decision"],
    where: { workspaceId, keyId: { in: keyIds }, hour: { gte: hour } },
    _sum: { count: true },
  });
  const evidence = new Map<string, Evidence>();
  for (const row of rows) {
    const found = evidence.get(row.keyId) ?? noEvidence();
    evidence.set(row.keyId, found);
    const count = row._sum.count ?? 0;
    found.requests += count;
    const scope = row.requiredScope ? parseScope(row.requiredScope) : null;
    if (!scope) continue;
    if (row.decision === "missing_scope") found.refused.set(row.requiredScope, (found.refused.get(row.requiredScope) ?? 0) + count);
    else if (SCOPE_USED_DECISIONS.includes(row.decision) && found.used.get(scope.resource) !== "write")
      found.used.set(scope.resource, scope.level);
  }
  return evidence;
}

/** One chain's evidence: the use of all its keys together. */
function chainEvidence(ids: string[], evidence: Map<string, Evidence>): Evidence {
  const chain = noEvidence();
  for (const id of ids) {
    const found = evidence.get(id);
    if (!found) continue;
    chain.requests += found.requests;
    for (const [resource, level] of found.used) {
      if (isNarrower(chain.used.get(resource) ?? "none", level)) chain.used.set(resource, level);
    }
    for (const [scope, count] of found.refused) chain.refused.set(scope, (chain.refused.get(scope) ?? 0) + count);
  }
  return chain;
}

/** What the key was refused and still lacks, most refused first. */
function refusedOf(key: LiveKey, refused: Map<string, number>): RefusedScope[] {
  const catalog = loadedCatalog();
  const granted = effectiveScopes(catalog, JSON.parse(key.scopes) as string[]);
  return [...refused]
    .flatMap(([required, requests]) => {
      const scope = parseScope(required);
      const resource = scope && findResource(catalog, scope.resource);
      if (!scope || !resource || !supports(resource, scope.level) || grants(granted, required as Scope)) return [];
      return [{ scope: required as Scope, resource: scope.resource, label: resource.label, level: scope.level, requests }];
    })
    .sort((a, b) => b.requests - a.requests || a.scope.localeCompare(b.scope));
}

/** What no request needed. A resource the key was refused more on is in use: its grant is not suggested away. */
function unusedOf(key: LiveKey, used: Map<string, Access>, refused: RefusedScope[]): UnusedScope[] {
  const catalog = loadedCatalog();
  const granted = toAccessMap(catalog, JSON.parse(key.scopes) as string[]);
  return Object.entries(granted).flatMap(([resource, access]) => {
    if (refused.some((scope) => scope.resource === resource)) return [];
    const needed = used.get(resource) ?? "none";
    if (!isNarrower(needed, access)) return [];
    return [{ resource, label: findResource(catalog, resource)?.label ?? resource, granted: access, suggested: needed }];
  });
}

async function unusedScopesOf(workspaceId: string, keys: LiveKey[], now: Date): Promise<KeyUnusedScopes[]> {
  const windowStart = new Date(now.getTime() - UNUSED_WINDOW_DAYS * DAY_MS);
  const chains = await rotationChains(workspaceId, keys);
  const evidence = await evidenceOf(
    workspaceId,
    [...chains.values()].flatMap((chain) => chain.ids),
    windowStart,
  );
  return keys.map((key) => {
    const chain = chains.get(key.id)!;
    const found = chainEvidence(chain.ids, evidence);
    const ready = now.getTime() - chain.startedAt.getTime() >= READINESS.days * DAY_MS && found.requests >= READINESS.requests;
    const refused = refusedOf(key, found.refused);
    const unused = ready ? unusedOf(key, found.used, refused) : [];
    // Scopes are stored normalized, one per resource.
    const granted = (JSON.parse(key.scopes) as string[]).length;
    return {
      keyId: key.id,
      name: key.name,
      masked: maskedKey(key),
      observedSince: (chain.startedAt > windowStart ? chain.startedAt : windowStart).toISOString(),
      requests: found.requests,
      ready,
      unused,
      refused,
      narrowsToNothing: unused.length > 0 && unused.filter((scope) => scope.suggested === "none").length === granted,
    };
  });
}

/** One key's unused scopes, or null when it is not a live key of this workspace. */
export async function unusedScopesOfKey(workspaceId: string, keyId: string, now = new Date()): Promise<KeyUnusedScopes | null> {
  const key = await db.apiKey.findFirst({ where: { id: keyId, ...liveKeyWhere(workspaceId, now) }, select: LIVE_KEY_SELECT });
  return key ? ((await unusedScopesOf(workspaceId, [key], now))[0] ?? null) : null;
}

/**
 * The workspace's live keys that hold unused scopes or were refused some (of the newest
 * UNUSED_KEYS_CHECKED live keys), and how many of those are still too new to judge.
 */
export async function keysWithUnusedScopes(workspaceId: string, now = new Date()) {
  const keys = await db.apiKey.findMany({
    where: liveKeyWhere(workspaceId, now),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: UNUSED_KEYS_CHECKED + 1,
    select: LIVE_KEY_SELECT,
  });
  const checked = keys.slice(0, UNUSED_KEYS_CHECKED);
  const results = await unusedScopesOf(workspaceId, checked, now);
  return {
    keys: results.filter((key) => key.unused.length > 0 || key.refused.length > 0),
    checked: checked.length,
    waiting: results.filter((key) => !key.ready).length,
    more: keys.length > UNUSED_KEYS_CHECKED,
  };
}
