"use client";
// Asks before the one-time secret is left behind: closing or reloading the tab (beforeunload) and a
// click on any link (intercepted in the capture phase, before Next's Link sees it). The App Router has
// no API to block a route change. The back button is not guarded yet: a pushed guard entry kept
// "back" after "I've saved it" from reaching the page before the form.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmCancel, ConfirmDialog } from "@/components/ui/dialog";

function linkOf(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.target === "_blank" || anchor.hasAttribute("download")) return null;
  return anchor;
}

/** While mounted and not released, leaving the page by a link or closing the tab asks first. */
export function useLeaveGuard() {
  const router = useRouter();
  const [leave, setLeave] = useState<(() => void) | null>(null);
  const detach = useRef<(() => void) | null>(null);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const onClick = (event: MouseEvent) => {
      const anchor = linkOf(event);
      if (!anchor) return;
      const url = new URL(anchor.href, window.location.href);
      event.preventDefault();
      event.stopPropagation();
      setLeave(() =>
        url.origin === window.location.origin
          ? () => router.push(`${url.pathname}${url.search}${url.hash}`)
          : () => window.location.assign(url),
      );
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    detach.current = () => {
      detach.current = null;
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
    return () => detach.current?.();
  }, [router]);

  const release = useCallback(() => detach.current?.(), []);

  const dialog = (
    <ConfirmDialog
      open={leave !== null}
      onOpenChange={(open) => {
        if (!open) setLeave(null);
      }}
      title="Leave without saving the key?"
      description="The secret is shown only this once. If you leave before copying it, the only way to get a working secret is to rotate the key."
    >
      <div className="flex flex-col-reverse justify-end gap-2 sm:flex-row">
        <ConfirmCancel asChild>
          <Button variant="secondary">Stay and copy the key</Button>
        </ConfirmCancel>
        <Button
          variant="danger"
          onClick={() => {
            const go = leave;
            setLeave(null);
            go?.();
          }}
        >
          Leave without saving
        </Button>
      </div>
    </ConfirmDialog>
  );
  return { dialog, release };
}
