"use client";
import { useEffect, useState } from "react";

/**
 * A UTC time as the dashboard shows it, with the viewer's local time on hover. The local time is only
 * known in the browser, so it is added after hydration (the server's HTML cannot guess the zone).
 */
export function LocalTime({ iso, utc }: { iso: string; utc: string }) {
  const [local, setLocal] = useState<string>();
  useEffect(() => {
    setLocal(`Your time: ${new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })}`);
  }, [iso]);
  return (
    <time dateTime={iso} title={local}>
      {utc}
    </time>
  );
}
