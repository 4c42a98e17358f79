// Scope arithmetic. A scope is `<resource>:read` or `<resource>:write`; write implies read
// ("Full access" = write). A key's scopes are stored normalized: at most one per resource, its highest.
// Scopes are strings checked against the loaded catalog, passed in: a stored scope the catalog no
// longer has (its resource or its level gone) is inert, and grants nothing (effectiveScopes).
import { type AccessLevel, type Catalog, findResource, perCatalog, type ResourceDefinition } from "./catalog";

export type Scope = `${string}:${AccessLevel}`;
/** What a key may do on one resource, as the matrix shows it. */
export type Access = "none" | AccessLevel;
export type AccessMap = Record<string, Access>;

export const ACCESS_LABELS: Record<Access, string> = { none: "No access", read: "Read", write: "Full access" };

const ACCESS_RANK: Record<Access, number> = { none: 0, read: 1, write: 2 };

/** Whether access `a` allows less than `b` (write implies read). */
export function isNarrower(a: Access, b: Access): boolean {
  return ACCESS_RANK[a] < ACCESS_RANK[b];
}

export function parseScope(scope: string): { resource: string; level: AccessLevel } | null {
  const match = /^([a-z][a-z0-9-]*):(read|write)$/.exec(scope);
  return match ? { resource: match[1]!, level: match[2] as AccessLevel } : null;
}

/** Whether `access` is offered for the resource ("none" always is). */
export function supports(resource: ResourceDefinition, access: Access): boolean {
  return access === "none" || resource.levels.includes(access);
}

/** Why an access level is not offered, for the matrix to say. */
export function unsupportedReason(resource: ResourceDefinition, access: Access): string | null {
  if (supports(resource, access)) return null;
  return access === "read" ? `${resource.label} has no read endpoints` : `${resource.label} is read-only`;
}

/** Does a key holding `granted` satisfy `required`? Write implies read. */
export function grants(granted: readonly string[], required: Scope): boolean {
  const need = parseScope(required);
  if (!need) return false;
  return granted.includes(required) || (need.level === "read" && granted.includes(`${need.resource}:write`));
}

// Every scope the catalog has, built once per catalog: the key check filters each key's scopes with it
// on every request, so a set lookup rather than parsing each scope again.
const catalogScopes = perCatalog((catalog) => new Set(catalog.resources.flatMap((r) => r.levels.map((level) => `${r.id}:${level}`))));

/** Whether the catalog has the scope: its resource, at a level it offers. */
export function inCatalog(catalog: Catalog, scope: string): boolean {
  return catalogScopes(catalog).has(scope);
}

/** The stored scopes that still grant: those the catalog has. */
export function effectiveScopes(catalog: Catalog, scopes: readonly string[]): string[] {
  return scopes.filter((scope) => inCatalog(catalog, scope));
}

/** The stored scopes that are no longer in the catalog, and so grant nothing. */
export function goneScopes(catalog: Catalog, scopes: readonly string[]): string[] {
  return scopes.filter((scope) => !inCatalog(catalog, scope));
}

export function toAccessMap(catalog: Catalog, scopes: readonly string[]): AccessMap {
  const map: AccessMap = Object.fromEntries(catalog.resources.map((r) => [r.id, "none" as Access]));
  for (const scope of effectiveScopes(catalog, scopes)) {
    const parsed = parseScope(scope)!;
    if (parsed.level === "write" || map[parsed.resource] === "none") map[parsed.resource] = parsed.level;
  }
  return map;
}

/** Normalized scopes (catalog order, one per resource) from a matrix. */
export function toScopes(catalog: Catalog, access: AccessMap): Scope[] {
  return catalog.resources.flatMap((r) => {
    const level = access[r.id];
    return level && level !== "none" && supports(r, level) ? [`${r.id}:${level}` as Scope] : [];
  });
}

export type ScopeProblem = { scope: string; problem: string };

/** Checks requested scopes against the catalog: unknown resources, levels a resource lacks, duplicates. */
export function scopeProblems(catalog: Catalog, scopes: readonly string[]): ScopeProblem[] {
  const problems: ScopeProblem[] = [];
  const seen = new Set<string>();
  for (const scope of scopes) {
    const parsed = parseScope(scope);
    const resource = parsed && findResource(catalog, parsed.resource);
    if (!parsed) problems.push({ scope, problem: "is not a scope (expected resource:read or resource:write)" });
    else if (!resource) problems.push({ scope, problem: `names no resource of the catalog` });
    else if (!supports(resource, parsed.level)) problems.push({ scope, problem: unsupportedReason(resource, parsed.level)! });
    else if (seen.has(parsed.resource)) problems.push({ scope, problem: `grants ${parsed.resource} twice` });
    if (parsed) seen.add(parsed.resource);
  }
  return problems;
}

export const PRESETS = {
  "read-only": (catalog: Catalog) =>
    Object.fromEntries(catalog.resources.map((r) => [r.id, supports(r, "read") ? "read" : "none"])) as AccessMap,
  "full-access": (catalog: Catalog) =>
    Object.fromEntries(catalog.resources.map((r) => [r.id, supports(r, "write") ? "write" : "read"])) as AccessMap,
} as const;
export type Preset = keyof typeof PRESETS | "custom";

export function presetOf(catalog: Catalog, access: AccessMap): Preset {
  for (const [name, build] of Object.entries(PRESETS)) {
    const preset = build(catalog);
    if (catalog.resources.every((r) => preset[r.id] === (access[r.id] ?? "none"))) return name as Preset;
  }
  return "custom";
}
