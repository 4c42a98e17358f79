// The catalog's route patterns (`/profiles/:id`, `/files/*`), relative to /api/v1: compiled once,
// matched against a path's segments, and ranked so the most specific route wins (literal segments
// beat `:params` beat `*`). The router (lib/api/routes.ts) and the catalog file's checks
// (lib/scopes/catalog-file.ts) use the same rules. Pure, safe in the browser.

/** The API's built-in routes, outside the catalog: the first two need no key, the last a valid key and no scope. */
export type FixedRoute = "health" | "openapi.json" | "key";
export const FIXED_ROUTES: readonly FixedRoute[] = ["health", "openapi.json", "key"];
/** Their paths under /api/v1: a catalog route may not match one (lib/scopes/catalog-file.ts). */
export const FIXED_PATHS: readonly string[] = FIXED_ROUTES.map((route) => `/${route}`);

type PatternSegment = { kind: "literal"; text: string } | { kind: "param"; name: string } | { kind: "rest" };
export type CompiledPattern = readonly PatternSegment[];

/** What a match captured, and how specific it was: compare ranks with compareRanks. */
export type PatternMatch = { params: Record<string, string>; rank: readonly number[] };

const RANK = { literal: 0, param: 1, rest: 2 } as const;

/** A path's segments: `/profiles/42/` is ["profiles", "42"] (a trailing slash is the same path). */
export function pathSegments(path: string): string[] {
  const segments = path.split("/").slice(1);
  if (segments.at(-1) === "") segments.pop();
  return segments;
}

export function compilePattern(pattern: string): CompiledPattern {
  return pathSegments(pattern).map((segment): PatternSegment => {
    if (segment === "*") return { kind: "rest" };
    if (segment.startsWith(":")) return { kind: "param", name: segment.slice(1) };
    return { kind: "literal", text: segment };
  });
}

/** `:name` matches one non-empty segment; `*`, last only, one or more; `*` is captured as params["*"]. */
export function matchCompiled(pattern: CompiledPattern, segments: readonly string[]): PatternMatch | null {
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    if (part.kind === "rest") {
      if (segments.length <= index || segments.slice(index).includes("")) return null;
      params["*"] = segments.slice(index).join("/");
      return { params, rank: pattern.map((p) => RANK[p.kind]) };
    }
    const segment = segments[index];
    if (segment === undefined || segment === "") return null;
    if (part.kind === "literal" && part.text !== segment) return null;
    if (part.kind === "param") params[part.name] = segment;
  }
  return segments.length === pattern.length ? { params, rank: pattern.map((p) => RANK[p.kind]) } : null;
}

export function matchPattern(pattern: string, path: string): PatternMatch | null {
  return matchCompiled(compilePattern(pattern), pathSegments(path));
}

/** Negative when rank `a` is the more specific: segment by segment, literal before param before `*`. */
export function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The pattern with its params' names erased: two routes of one method and one shape are the same route. */
export function patternShape(pattern: string): string {
  return `/${compilePattern(pattern)
    .map((part) => (part.kind === "literal" ? part.text : part.kind === "param" ? ":" : "*"))
    .join("/")}`;
}

/** The pattern's last `:param`, which the built-in record store takes for the record's id. */
export function lastParamName(pattern: string): string | undefined {
  return compilePattern(pattern)
    .filter((part) => part.kind === "param")
    .at(-1)?.name;
}
