"use client";
import { TriangleAlert } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Card } from "@/components/ui/card";
import { CopyableField } from "@/components/ui/copyable-field";
import { HANDOVER_REFUSALS } from "@/lib/handover/messages";
import type { HandoverOpening } from "@/lib/handover/open";

type Shown =
  | { state: "opening" }
  | { state: "opened"; opening: Extract<HandoverOpening, { outcome: "opened" }> }
  | { state: "refused"; title: string; detail: string };

/** What the page shows for an answer of app/handover/open. */
async function open(token: string): Promise<Shown> {
  const response = await fetch("/handover/open", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
    cache: "no-store",
  });
  const body = (await response.json().catch(() => ({}))) as { outcome?: string; message?: string } & Partial<HandoverOpening>;
  if (response.ok && body.outcome === "opened")
    return { state: "opened", opening: body as Extract<HandoverOpening, { outcome: "opened" }> };
  const known = HANDOVER_REFUSALS[body.outcome as keyof typeof HANDOVER_REFUSALS];
  if (known) return { state: "refused", ...known };
  return { state: "refused", title: "The link could not be opened", detail: body.message ?? "Try again in a moment." };
}

/**
 * The token is the link's fragment: browsers never send a fragment to a server or in a Referer, so it
 * reaches Keysmith only in this request's body. It is taken out of the address bar at once, so the
 * history and a bookmark keep no working link (it stops working on first open anyway).
 */
export function OpenHandover() {
  const id = useId();
  const [shown, setShown] = useState<Shown>({ state: "opening" });
  // Opening consumes the link: one request per page, even when React runs the effect twice.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = window.location.hash.slice(1);
    window.history.replaceState(null, "", window.location.pathname);
    if (!token) {
      setShown({ state: "refused", ...HANDOVER_REFUSALS.invalid });
      return;
    }
    open(token).then(setShown, () =>
      setShown({
        state: "refused",
        title: "The link could not be opened",
        detail: "The server could not be reached. Try again in a moment.",
      }),
    );
  }, []);

  if (shown.state === "opening") {
    return (
      <p role="status" className="text-sm text-fg-muted">
        Opening the link…
      </p>
    );
  }
  if (shown.state === "refused") {
    return (
      <Card role="alert" className="space-y-2 p-6">
        <h2 className="text-lg font-semibold">{shown.title}</h2>
        <p className="text-sm">{shown.detail}</p>
        <p className="text-sm text-fg-muted">Nothing was revealed.</p>
      </Card>
    );
  }
  const { opening } = shown;
  return (
    <Card className="space-y-5 p-6">
      <p className="text-sm">
        The secret of the key <span className="font-medium">“{opening.keyName}”</span> (
        <span className="font-mono">{opening.keyMasked}</span>) in the workspace{" "}
        <span className="font-medium">{opening.workspaceName}</span>.
      </p>
      <div role="status" id={`${id}-warning`} className="flex gap-3 rounded-md border border-warning p-3 text-sm">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
        <p>
          <strong className="font-semibold">Copy this key now. This link will never show it again.</strong>{" "}
          <span className="text-fg-muted">Store it in a secret manager or your server&apos;s environment, never in client-side code.</span>
        </p>
      </div>
      <CopyableField label="Secret key" value={opening.secret} toastMessage="Secret key copied" describedBy={`${id}-warning`} large />
    </Card>
  );
}
