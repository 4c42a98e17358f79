// Reads a scope catalog file's text into a Catalog, or into every problem found, each named by line,
// column and field: `keysmith.catalog.json:14:18: resources[2].levels[0]: must be "read" or "write"`.
// The JSON Schema published in docs/catalog.schema.json checks the shape (the same one editors use);
// the checks below it are those a schema cannot express: references between fields, and routes that
// would collide. Pure: the caller reads the file (lib/scopes/loaded-catalog.ts).
import type { ErrorObject } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { findNodeAtLocation, getNodeValue, type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import catalogSchema from "@/docs/catalog.schema.json";
import type { Catalog, ResourceDefinition } from "./catalog";
import { FIXED_PATHS, matchPattern, patternShape } from "./route-patterns";

export type CatalogFileResult = { ok: true; catalog: Catalog } | { ok: false; errors: string[] };

type Segment = string | number;
type Problem = { at: Segment[]; message: string; key?: boolean };

const validateShape = new Ajv2020({ allErrors: true, strict: true }).compile(catalogSchema);

/** `resources[2].levels[0]`; the file itself is `(file)`. */
function fieldName(at: readonly Segment[]): string {
  if (at.length === 0) return "(file)";
  return at.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join("");
}

function pointerSegments(pointer: string): Segment[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const quoted = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(" or ");

/** ajv's finding as a person reads it, on the field it is about. */
function schemaProblem(error: ErrorObject): Problem {
  const at = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { at: [...at, String(params.missingProperty)], message: "is required" };
    case "additionalProperties":
      return { at: [...at, String(params.additionalProperty)], message: "is not a field of the catalog", key: true };
    case "enum":
      return { at, message: `must be ${quoted(params.allowedValues as unknown[])}` };
    case "pattern":
      return { at, message: `must match ${String(params.pattern)}` };
    default:
      return { at, message: error.message ?? "is not valid" };
  }
}

/** The problems the schema cannot see, in a catalog whose shape it accepted. */
function semanticProblems(catalog: Catalog): Problem[] {
  const problems: Problem[] = [];
  const resourceAt = new Map<string, number>();
  const routeAt = new Map<string, Segment[]>();
  catalog.resources.forEach((resource: ResourceDefinition, r) => {
    const at = (...rest: Segment[]): Segment[] => ["resources", r, ...rest];
    if (resourceAt.has(resource.id))
      problems.push({ at: at("id"), message: `"${resource.id}" is already the id of resources[${resourceAt.get(resource.id)}]` });
    else resourceAt.set(resource.id, r);
    if (!catalog.groups.includes(resource.group))
      problems.push({ at: at("group"), message: `"${resource.group}" is not one of groups: ${quoted(catalog.groups)}` });
    resource.routes.forEach((route, i) => {
      if (!resource.levels.includes(route.level))
        problems.push({
          at: at("routes", i, "level"),
          message: `"${route.level}" is not one of the resource's levels (${quoted(resource.levels)})`,
        });
      const fixed = FIXED_PATHS.find((path) => matchPattern(route.path, path) !== null);
      if (fixed) problems.push({ at: at("routes", i, "path"), message: `would shadow the built-in route /api/v1${fixed}` });
      const shape = `${route.method} ${patternShape(route.path)}`;
      const earlier = routeAt.get(shape);
      if (earlier)
        problems.push({ at: at("routes", i, "path"), message: `${route.method} ${route.path} is already ${fieldName(earlier)}` });
      else routeAt.set(shape, at("routes", i));
    });
    for (const level of resource.levels) {
      if (!resource.routes.some((route) => route.level === level))
        problems.push({ at: at("levels"), message: `offers ${level} but no route needs it: add a ${level} route or drop the level` });
    }
  });
  const templateAt = new Map<string, number>();
  catalog.templates.forEach((template, t) => {
    if (templateAt.has(template.id))
      problems.push({
        at: ["templates", t, "id"],
        message: `"${template.id}" is already the id of templates[${templateAt.get(template.id)}]`,
      });
    else templateAt.set(template.id, t);
    const granted = new Set<string>();
    template.scopes.forEach((scope, s) => {
      const at = ["templates", t, "scopes", s];
      const [id, level] = scope.split(":") as [string, "read" | "write"];
      const resource = catalog.resources.find((candidate) => candidate.id === id);
      if (!resource) problems.push({ at, message: `"${scope}" names no resource of the catalog` });
      else if (!resource.levels.includes(level)) problems.push({ at, message: `"${scope}": ${resource.id} does not offer ${level}` });
      else if (granted.has(id)) problems.push({ at, message: `"${scope}" grants ${id} a second time` });
      granted.add(id);
    });
  });
  return problems;
}

/** 1-based line and column of an offset. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - (before.lastIndexOf("\n") + 1) + 1;
  return `${line}:${column}`;
}

/** The catalog in `text`, or every problem as `<file>:<line>:<column>: <field>: <message>`. */
export function parseCatalogFile(text: string, fileName: string): CatalogFileResult {
  const syntax: ParseError[] = [];
  const tree = parseTree(text, syntax, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (syntax.length > 0 || !tree) {
    // "CloseBraceExpected" reads as "close brace expected".
    const words = (error: ParseError) =>
      printParseErrorCode(error.error)
        .replace(/(?<!^)([A-Z])/g, " $1")
        .toLowerCase();
    const errors = syntax.map((error) => `${fileName}:${position(text, error.offset)}: (file): invalid JSON: ${words(error)}`);
    return { ok: false, errors: errors.length > 0 ? errors : [`${fileName}:1:1: (file): the file is empty`] };
  }
  const data: unknown = getNodeValue(tree);
  const problems = validateShape(data) ? semanticProblems(data as Catalog) : (validateShape.errors ?? []).map(schemaProblem);
  if (problems.length === 0) {
    const { groups, resources, templates } = data as Catalog;
    return { ok: true, catalog: { groups, resources, templates } };
  }
  const located = problems.map((problem) => {
    // The deepest node that exists: a missing field is reported where its object is.
    let node: Node | undefined;
    for (let depth = problem.at.length; depth >= 0 && !node; depth--) node = findNodeAtLocation(tree, problem.at.slice(0, depth));
    const offset = problem.key && node?.parent?.type === "property" ? node.parent.offset : (node?.offset ?? 0);
    return { offset, line: `${fileName}:${position(text, offset)}: ${fieldName(problem.at)}: ${problem.message}` };
  });
  // In the file's order, as an editor lists them.
  const errors = located.sort((a, b) => a.offset - b.offset).map((problem) => problem.line);
  return { ok: false, errors: [...new Set(errors)] };
}
