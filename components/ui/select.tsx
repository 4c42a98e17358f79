import type { SelectHTMLAttributes } from "react";
import { cn } from "./cn";

/** A native select: keyboard, screen readers and phones already know how to use it. */
export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      className={cn(
        "block w-full rounded-md border border-border bg-surface px-3 py-2 text-sm text-fg",
        "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent",
        className,
      )}
      {...props}
    />
  );
}
