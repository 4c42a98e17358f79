"use client";
import { useState } from "react";

/**
 * A filter kept in the page's URL as well as in state: changing it replaces the query parameter (the
 * default value removes it) without a navigation, so the server does not render the page again.
 */
export function useUrlState<T extends string>(name: string, initial: T, fallback: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(initial);
  const update = (next: T) => {
    setValue(next);
    const params = new URLSearchParams(window.location.search);
    if (next === fallback) params.delete(name);
    else params.set(name, next);
    const search = params.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  };
  return [value, update];
}
