"use client";
import { useSyncExternalStore } from "react";
import { formatTime } from "@/lib/format";

const subscribeToNothing = () => () => {};

/** Says that a view refreshes by itself, when it last did, and when it could not. */
export function LiveStatus({ updatedAt, error }: { updatedAt: number; error: Error | null }) {
  // The time is the browser's own: the server's render would be seconds older and fail hydration.
  const hydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  if (error) return <p className="text-xs text-danger">Could not refresh: {error.message}</p>;
  return (
    <p className="flex items-center gap-1.5 text-xs text-fg-muted">
      <span aria-hidden className="size-2 rounded-full bg-success" />
      Live{hydrated && updatedAt ? ` · updated ${formatTime(new Date(updatedAt))}` : ""}
    </p>
  );
}
