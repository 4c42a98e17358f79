"use client";
import { Download } from "lucide-react";
import type { MouseEvent } from "react";
import { buttonClasses } from "./button";

type Format = "csv" | "jsonl";

function exportUrl(href: string, format: Format, filters: Record<string, string | undefined>) {
  const params = new URLSearchParams({ format });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return `${href}?${params}`;
}

/**
 * "Export CSV" and "Export JSON Lines" of what the page shows. Some views change their filters in the
 * URL without a navigation, so at the click the link reads the page's URL again: `fromPage` maps a
 * page parameter to the export's.
 */
export function ExportLinks({ href, fromPage }: { href: string; fromPage: Record<string, string> }) {
  const current = () => {
    const page = new URLSearchParams(window.location.search);
    return Object.fromEntries(Object.entries(fromPage).map(([pageName, exportName]) => [exportName, page.get(pageName) ?? undefined]));
  };
  const follow = (format: Format) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.currentTarget.href = exportUrl(href, format, current());
  };
  return (
    <>
      <a href={exportUrl(href, "csv", {})} onClick={follow("csv")} download className={buttonClasses("secondary")}>
        <Download aria-hidden className="size-4" />
        Export CSV
      </a>
      <a href={exportUrl(href, "jsonl", {})} onClick={follow("jsonl")} download className={buttonClasses("secondary")}>
        <Download aria-hidden className="size-4" />
        Export JSON Lines
      </a>
    </>
  );
}
