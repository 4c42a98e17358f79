"use client";
import { useCallback, useState } from "react";

/** Sets (or, empty, removes) one query parameter of the page's URL, without a navigation. */
function replaceParam(name: string, value: string) {
  const params = new URLSearchParams(window.location.search);
  if (value === "") params.delete(name);
  else params.set(name, value);
  const search = params.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
}

/**
 * A filter kept in the page's URL as well as in state: changing it replaces the query parameter (the
 * default value removes it) without a navigation, so the server does not render the page again.
 */
export function useUrlState<T extends string>(name: string, initial: T, fallback: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(initial);
  const update = useCallback(
    (next: T) => {
      setValue(next);
      replaceParam(name, next === fallback ? "" : next);
    },
    [name, fallback],
  );
  return [value, update];
}

/**
 * Several text filters kept in the URL at once, by parameter name; an empty value removes its
 * parameter. The same rules as useUrlState, for a row of inputs.
 */
export function useUrlRecord<K extends string>(initial: Record<K, string>): [Record<K, string>, (name: K, value: string) => void] {
  const [values, setValues] = useState(initial);
  const update = useCallback((name: K, next: string) => {
    setValues((current) => ({ ...current, [name]: next }));
    replaceParam(name, next);
  }, []);
  return [values, update];
}
