import { cn } from "./cn";

export type Column = {
  label: string;
  /** From which width the column shows: narrow screens keep only the essential ones. */
  from?: "sm" | "md" | "lg";
  /** Named for screen readers only (e.g. a column of buttons). */
  hiddenLabel?: boolean;
  align?: "right";
};

const SHOW_FROM = { sm: "hidden sm:table-cell", md: "hidden md:table-cell", lg: "hidden lg:table-cell" } as const;

/** The header row of the dashboard's data tables; cells use the same `from` to hide with their column. */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead className="border-b border-border text-xs uppercase tracking-wide text-fg-muted">
      <tr>
        {columns.map((column) => (
          <th
            key={column.label}
            scope="col"
            className={cn("px-4 py-3 font-medium", column.from && SHOW_FROM[column.from], column.align === "right" && "text-right")}
          >
            {column.hiddenLabel ? <span className="sr-only">{column.label}</span> : column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
