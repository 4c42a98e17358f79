import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A table's horizontal scroller for narrow screens. Focusable, so keyboard users can scroll it too
 * (WCAG 2.1.1); `relative`, so screen-reader-only text inside stays inside instead of widening the page.
 */
export function ScrollArea({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be reachable by keyboard to be scrolled.
      tabIndex={0}
      className={cn("relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-accent", className)}
    >
      {children}
    </section>
  );
}
