"use client";
import { ChevronRight, Search } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useCatalog } from "@/components/catalog-provider";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { documentedPath } from "@/lib/api/routes";
import { summarizeAccess } from "@/lib/scopes/access-summary";
import type { ResourceDefinition } from "@/lib/scopes/catalog";
import {
  ACCESS_LABELS,
  type Access,
  type AccessMap,
  grants,
  parseScope,
  type Scope,
  supports,
  toScopes,
  unsupportedReason,
} from "@/lib/scopes/scopes";

const LEVELS = ["none", "read", "write"] as const satisfies readonly Access[];

// One grid template for the column header and every row, so the three options line up as columns.
const ROW_GRID = "grid gap-x-4 gap-y-2 @2xl:grid-cols-[minmax(0,1fr)_21rem] @2xl:items-center";
const OPTION_GRID = "grid grid-cols-3 gap-1.5 @2xl:gap-0";

/**
 * What a column button gives a resource: the column's level, or the highest level below it that the
 * resource offers, so "Set all to Read" never grants write and the columns match the presets.
 */
function levelForColumn(resource: ResourceDefinition, column: Access): Access {
  const candidates = LEVELS.slice(0, LEVELS.indexOf(column) + 1).reverse();
  return candidates.find((level) => supports(resource, level)) ?? "none";
}

function onlyLevelNote(resource: ResourceDefinition): string | null {
  if (!supports(resource, "write")) return "Read-only";
  if (!supports(resource, "read")) return "Write-only";
  return null;
}

/**
 * The matrix is one Tab stop (roving tabindex) instead of two per resource: each row's cells are its
 * "Endpoints" toggle (column 0) and its levels (columns 1 to 3). The arrow keys move between cells and
 * rows and choose nothing; Space or Enter chooses, so moving through the rows grants nothing in passing.
 */
type Cell = { resourceId: string; column: number };

function cellAttribute({ resourceId, column }: Cell): string {
  return `${resourceId}:${column}`;
}

/** The columns focus can reach in a row: levels that cannot be chosen (unsupported, read-only matrix) are skipped. */
function reachableColumns(resource: ResourceDefinition, editable: boolean): number[] {
  return [0, ...LEVELS.flatMap((level, index) => (editable && !unsupportedReason(resource, level) ? [index + 1] : []))];
}

/** Where focus enters a row: its chosen level, or its "Endpoints" toggle when that cannot be focused. */
function homeColumn(resource: ResourceDefinition, access: Access, editable: boolean): number {
  const chosen = LEVELS.indexOf(access) + 1;
  return reachableColumns(resource, editable).includes(chosen) ? chosen : 0;
}

function matches(resource: ResourceDefinition, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || [resource.label, resource.id, resource.description].some((text) => text.toLowerCase().includes(q));
}

/** A text box per granted resource for why it is needed (the access request form), posted as `${fieldPrefix}${resource id}`. */
export type MatrixReasons = {
  values: Record<string, string>;
  onChange: (resourceId: string, reason: string) => void;
  fieldPrefix: string;
  maxLength: number;
};

export function ScopeMatrix({
  value,
  onChange,
  readOnly = false,
  reasons,
  highlight,
}: {
  value: AccessMap;
  onChange?: (next: AccessMap) => void;
  readOnly?: boolean;
  reasons?: MatrixReasons;
  /** A scope someone asked to grant (a "Grant <scope>" link): its row stands out and takes focus once. */
  highlight?: Scope;
}) {
  const id = useId();
  const rowsRef = useRef<HTMLDivElement>(null);
  const highlightedResource = highlight ? parseScope(highlight)?.resource : undefined;
  // Arriving from a Grant link, the keyboard and the eye start at the requested row, on its chosen level.
  useEffect(() => {
    if (!highlightedResource) return;
    const row = rowsRef.current?.querySelector<HTMLElement>(`[data-matrix-row="${highlightedResource}"]`);
    const cell = row?.querySelector<HTMLElement>("[role=radio][aria-checked=true]:not(:disabled)") ?? row?.querySelector("button");
    cell?.focus({ preventScroll: true });
    // Centred, so neither the sticky column header nor the form's sticky Save bar covers it.
    row?.scrollIntoView({ block: "center" });
  }, [highlightedResource]);
  const [query, setQuery] = useState("");
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [focusedCell, setFocusedCell] = useState<Cell | null>(null);
  const editable = !readOnly && Boolean(onChange);
  const catalog = useCatalog();
  const scopes = toScopes(catalog, value);
  const visible = catalog.resources.filter((r) => matches(r, query));
  const filtered = visible.length < catalog.resources.length;
  // In the order on screen: by group, then as in the catalog.
  const rowsInOrder = catalog.groups.flatMap((group) => visible.filter((r) => r.group === group));
  const accessOf = (resource: ResourceDefinition): Access => value[resource.id] ?? "none";
  const focusedResource = focusedCell && rowsInOrder.find((r) => r.id === focusedCell.resourceId);
  // The Tab stop: the cell focused last while it is still shown, else the first row's chosen level.
  const tabStop: Cell | null =
    focusedCell && focusedResource && reachableColumns(focusedResource, editable).includes(focusedCell.column)
      ? focusedCell
      : rowsInOrder[0]
        ? { resourceId: rowsInOrder[0].id, column: homeColumn(rowsInOrder[0], accessOf(rowsInOrder[0]), editable) }
        : null;

  function moveFocus(event: React.KeyboardEvent<HTMLElement>) {
    const from =
      focusedCell && event.target instanceof HTMLElement && event.target.dataset.matrixCell === cellAttribute(focusedCell)
        ? focusedCell
        : null;
    if (!from) return;
    const rowIndex = rowsInOrder.findIndex((r) => r.id === from.resourceId);
    const row = rowsInOrder[rowIndex];
    if (!row) return;
    const columns = reachableColumns(row, editable);
    let to: Cell | null = null;
    if (event.key === "ArrowRight") to = { resourceId: row.id, column: columns.find((c) => c > from.column) ?? from.column };
    else if (event.key === "ArrowLeft") to = { resourceId: row.id, column: columns.findLast((c) => c < from.column) ?? from.column };
    else if (event.key === "Home") to = { resourceId: row.id, column: 0 };
    else if (event.key === "End") to = { resourceId: row.id, column: columns.at(-1) ?? 0 };
    else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const next = rowsInOrder[rowIndex + (event.key === "ArrowDown" ? 1 : -1)];
      if (next) {
        // The same column when the next row has it, else that row's chosen level.
        const column = reachableColumns(next, editable).includes(from.column) ? from.column : homeColumn(next, accessOf(next), editable);
        to = { resourceId: next.id, column };
      } else to = from;
    }
    if (!to) return;
    event.preventDefault();
    event.currentTarget.querySelector<HTMLElement>(`[data-matrix-cell="${cellAttribute(to)}"]`)?.focus();
  }

  function setColumn(column: Access) {
    // While searching, only the resources on screen change: nothing is granted out of sight.
    onChange?.({ ...value, ...Object.fromEntries(visible.map((r) => [r.id, levelForColumn(r, column)])) });
  }

  function toggleEndpoints(resourceId: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(resourceId)) next.add(resourceId);
      return next;
    });
  }

  return (
    <div className="@container rounded-lg border border-border bg-surface">
      <div className="flex flex-col gap-3 border-b border-border p-4 @lg:flex-row @lg:items-center @lg:justify-between">
        <div className="relative w-full @lg:max-w-xs">
          <label htmlFor={`${id}-search`} className="sr-only">
            Search resources
          </label>
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-fg-muted" />
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            // Enter here means "search", not "submit the form this matrix is in".
            onKeyDown={(event) => {
              if (event.key === "Enter") event.preventDefault();
            }}
            placeholder="Search resources"
            autoComplete="off"
            className="block w-full rounded-md border border-border bg-surface py-2 pr-3 pl-9 text-sm text-fg placeholder:text-fg-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent"
          />
        </div>
        <p aria-live="polite" className="text-sm">
          <span className="text-fg-muted">Grants: </span>
          <span className="font-medium">{summarizeAccess(catalog, scopes)}</span>
        </p>
      </div>

      {/* One status region for the search result, so a screen reader hears both "Showing 3 of 24" and "No resource matches". */}
      <p role="status" className={cn("px-4 text-sm text-fg-muted", visible.length === 0 ? "py-8 text-center" : filtered && "pt-3")}>
        {visible.length === 0
          ? `No resource matches “${query.trim()}”.`
          : filtered
            ? `Showing ${visible.length} of ${catalog.resources.length} resources.${editable ? " Set all applies to the resources shown." : ""}`
            : null}
      </p>

      {visible.length === 0 ? null : (
        <>
          <div
            className={cn(
              ROW_GRID,
              "border-b border-border px-4 py-2 @2xl:sticky @2xl:top-0 @2xl:z-10 @2xl:bg-surface",
              !editable && "hidden @2xl:grid",
            )}
          >
            <span className="text-xs font-medium tracking-wide text-fg-muted uppercase">
              <span className="hidden @2xl:inline">Resource</span>
              <span className="@2xl:hidden">Set every resource shown to</span>
            </span>
            <div className={OPTION_GRID}>
              {LEVELS.map((level) =>
                editable ? (
                  <button
                    key={level}
                    type="button"
                    onClick={() => setColumn(level)}
                    className={cn(
                      "rounded-md px-1.5 py-1.5 text-xs font-medium text-accent underline-offset-2 hover:bg-muted hover:underline",
                      "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent @2xl:mx-2",
                    )}
                  >
                    <span className="sr-only">Set all to </span>
                    {ACCESS_LABELS[level]}
                  </button>
                ) : (
                  <span key={level} className="text-center text-xs font-medium tracking-wide text-fg-muted uppercase">
                    {ACCESS_LABELS[level]}
                  </span>
                ),
              )}
            </div>
          </div>

          {editable ? (
            <p id={`${id}-keys`} className="sr-only">
              Arrow keys move between resources and levels; Space or Enter chooses a level.
            </p>
          ) : null}
          {/* Key handling only: the cells inside are the buttons and radios that take focus. */}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: the arrow keys of the roving focus, delegated from the cells */}
          <div ref={rowsRef} onKeyDown={moveFocus}>
            {catalog.groups.map((group) => {
              const rows = visible.filter((r) => r.group === group);
              if (rows.length === 0) return null;
              return (
                <section key={group} aria-labelledby={`${id}-group-${group}`}>
                  <h3
                    id={`${id}-group-${group}`}
                    className="border-b border-border bg-muted px-4 py-1.5 text-xs font-semibold tracking-wide text-fg-muted uppercase"
                  >
                    {group}
                  </h3>
                  <ul className="divide-y divide-border">
                    {rows.map((resource) => (
                      <ResourceRow
                        key={resource.id}
                        idPrefix={`${id}-${resource.id}`}
                        resource={resource}
                        access={accessOf(resource)}
                        scopes={scopes}
                        editable={editable}
                        keysHintId={editable ? `${id}-keys` : undefined}
                        onAccessChange={(access) => onChange?.({ ...value, [resource.id]: access })}
                        endpointsShown={expanded.has(resource.id)}
                        onToggleEndpoints={() => toggleEndpoints(resource.id)}
                        tabStopColumn={tabStop?.resourceId === resource.id ? tabStop.column : null}
                        onCellFocus={(column) => setFocusedCell({ resourceId: resource.id, column })}
                        requested={resource.id === highlightedResource ? highlight : undefined}
                        reasons={reasons}
                      />
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        </>
      )}
    </div>
  );
}

function ResourceRow({
  idPrefix,
  resource,
  access,
  scopes,
  editable,
  keysHintId,
  onAccessChange,
  endpointsShown,
  onToggleEndpoints,
  tabStopColumn,
  onCellFocus,
  reasons,
  requested,
}: {
  idPrefix: string;
  resource: ResourceDefinition;
  access: Access;
  scopes: Scope[];
  editable: boolean;
  keysHintId?: string;
  onAccessChange: (access: Access) => void;
  endpointsShown: boolean;
  onToggleEndpoints: () => void;
  /** The column of this row that is the matrix's Tab stop, if any. */
  tabStopColumn: number | null;
  onCellFocus: (column: number) => void;
  reasons?: MatrixReasons;
  /** The scope asked for on this row, if any (see ScopeMatrix's highlight). */
  requested?: Scope;
}) {
  const note = onlyLevelNote(resource);
  const panelId = `${idPrefix}-endpoints`;
  const requestedId = `${idPrefix}-requested`;
  const describedBy = [keysHintId, requested ? requestedId : null].filter(Boolean).join(" ") || undefined;
  return (
    <li data-matrix-row={resource.id} className={cn("px-4 py-3", requested && "bg-accent/10 ring-2 ring-accent ring-inset")}>
      <div className={ROW_GRID}>
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="text-sm font-medium">{resource.label}</span>
            <code className="font-mono text-xs text-fg-muted">{resource.id}</code>
            {note ? <Badge>{note}</Badge> : null}
            <button
              type="button"
              aria-expanded={endpointsShown}
              aria-controls={panelId}
              aria-label={`Show endpoints for ${resource.label}`}
              data-matrix-cell={cellAttribute({ resourceId: resource.id, column: 0 })}
              tabIndex={tabStopColumn === 0 ? 0 : -1}
              onFocus={() => onCellFocus(0)}
              onClick={onToggleEndpoints}
              className="inline-flex items-center gap-0.5 rounded px-1 py-0.5 text-xs font-medium text-accent hover:underline focus-visible:outline-2 focus-visible:outline-accent @2xl:scroll-mt-16"
            >
              <ChevronRight aria-hidden className={cn("size-3.5 transition-transform", endpointsShown && "rotate-90")} />
              Endpoints
            </button>
          </div>
          <p className="mt-0.5 text-sm text-fg-muted">{resource.description}</p>
          {requested ? (
            <p id={requestedId} className="mt-1 text-sm font-semibold text-accent">
              Requested: grant <code className="font-mono">{requested}</code>
            </p>
          ) : null}
          {reasons && access !== "none" ? (
            <Input
              name={`${reasons.fieldPrefix}${resource.id}`}
              aria-label={`Reason for ${resource.label}`}
              placeholder="Why this access? (optional)"
              value={reasons.values[resource.id] ?? ""}
              onChange={(event) => reasons.onChange(resource.id, event.target.value)}
              maxLength={reasons.maxLength}
              autoComplete="off"
              className="mt-2 py-1.5"
            />
          ) : null}
        </div>
        <div
          role="radiogroup"
          aria-label={resource.label}
          aria-describedby={describedBy}
          aria-readonly={editable ? undefined : true}
          className={cn(OPTION_GRID, "relative")}
        >
          {LEVELS.map((level, index) => (
            <AccessOption
              key={level}
              idPrefix={idPrefix}
              resource={resource}
              level={level}
              checked={access === level}
              editable={editable}
              cell={cellAttribute({ resourceId: resource.id, column: index + 1 })}
              tabStop={tabStopColumn === index + 1}
              onFocus={() => onCellFocus(index + 1)}
              onChoose={() => onAccessChange(level)}
              requestedId={requested ? requestedId : undefined}
            />
          ))}
        </div>
      </div>
      <div id={panelId} hidden={!endpointsShown} className="mt-3 rounded-md bg-muted px-3 py-2">
        <ul className="space-y-2 @2xl:space-y-1">
          {resource.routes.map((endpoint) => {
            const scope: Scope = `${resource.id}:${endpoint.level}`;
            const allowed = grants(scopes, scope);
            return (
              <li
                key={`${endpoint.method} ${endpoint.path}`}
                className="grid grid-cols-[3.5rem_minmax(0,1fr)] gap-x-3 text-xs @2xl:grid-cols-[3.5rem_16rem_13rem_6rem]"
              >
                <code className="font-mono font-semibold">{endpoint.method}</code>
                <code className="font-mono break-all">{documentedPath(endpoint.path)}</code>
                <span className="col-start-2 flex flex-wrap gap-x-3 @2xl:contents">
                  <span className="text-fg-muted">
                    needs <code className="font-mono">{scope}</code>
                  </span>
                  <span className={allowed ? "font-medium text-success" : "text-fg-muted"}>{allowed ? "Allowed" : "Not allowed"}</span>
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </li>
  );
}

function AccessOption({
  idPrefix,
  resource,
  level,
  checked,
  editable,
  cell,
  tabStop,
  onFocus,
  onChoose,
  requestedId,
}: {
  idPrefix: string;
  resource: ResourceDefinition;
  level: Access;
  checked: boolean;
  editable: boolean;
  cell: string;
  tabStop: boolean;
  onFocus: () => void;
  onChoose: () => void;
  /** Said with each level of the requested row, since focus lands on one of them. */
  requestedId?: string;
}) {
  const reason = unsupportedReason(resource, level);
  const reasonId = `${idPrefix}-${level}-reason`;
  const describedBy = [reason ? reasonId : null, requestedId].filter(Boolean).join(" ") || undefined;
  return (
    <>
      {/* A button, so Space and Enter choose it (and Enter does not submit the form); not a native radio, which the arrow keys check. */}
      {/* biome-ignore lint/a11y/useSemanticElements: see above */}
      <button
        type="button"
        role="radio"
        aria-checked={checked}
        data-state={checked ? "checked" : "unchecked"}
        data-matrix-cell={cell}
        tabIndex={tabStop ? 0 : -1}
        onFocus={onFocus}
        onClick={onChoose}
        disabled={Boolean(reason) || !editable}
        aria-describedby={describedBy}
        title={reason ?? undefined}
        className={cn(
          "group flex min-h-9 items-center justify-center gap-2 rounded-md border border-border px-1 py-1.5 text-xs font-medium text-fg",
          // Focus scrolled into view stays clear of the sticky column header.
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent @2xl:scroll-mt-16",
          "data-[state=checked]:border-accent data-[state=checked]:bg-accent data-[state=checked]:text-accent-fg",
          "@2xl:h-full @2xl:border-transparent @2xl:data-[state=checked]:border-transparent @2xl:data-[state=checked]:bg-transparent",
          editable && !reason && "cursor-pointer hover:bg-muted",
          // Read-only, the level granted stands out and the others recede.
          !editable && "data-[state=unchecked]:border-transparent data-[state=unchecked]:text-fg-muted",
          reason && "cursor-not-allowed border-dashed text-fg-muted",
        )}
      >
        <span
          aria-hidden
          className={cn(
            "hidden size-4 shrink-0 place-items-center rounded-full border @2xl:grid",
            reason ? "border-dashed border-fg-muted opacity-60" : "border-fg-muted group-data-[state=checked]:border-accent",
            !editable && "group-data-[state=unchecked]:opacity-50",
          )}
        >
          <span className="hidden size-2 rounded-full bg-accent group-data-[state=checked]:block" />
        </span>
        <span className={cn("@2xl:sr-only", reason && "line-through")}>{ACCESS_LABELS[level]}</span>
      </button>
      {reason ? (
        <span id={reasonId} className="sr-only">
          {reason}
        </span>
      ) : null}
    </>
  );
}
