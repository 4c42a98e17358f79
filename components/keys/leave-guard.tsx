"use client";
// Asks before something that cannot be recovered is left behind (a one-time secret, a half-filled
// form), on the three ways out of a page: a click on a link (intercepted in the capture phase, before
// Next's Link sees it), the browser's back button, and closing or reloading the tab (beforeunload).
// The App Router has no API to block a route change.
//
// "Back" is caught with an extra history entry for the same URL: going back only leaves that entry,
// which fires popstate on this page, where the guard puts the entry back and asks. The entry is taken
// off again before the page moves on, so that afterwards "back" reaches the page before, not a
// second copy of this one. It is found by the Navigation API's entry key (which survives the
// replaceState calls Next makes on every router update); a browser without that API keeps the link and
// tab guards only.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmCancel, ConfirmDialog } from "@/components/ui/dialog";

type NavigationEntries = { currentEntry: { key: string } | null };

// One guard entry per tab, shared by guards that follow each other on a page (the create form, then
// its reveal), so the second does not push another one.
let guardEntry: { key: string; href: string } | null = null;
let pendingDrop: ReturnType<typeof setTimeout> | undefined;

function currentEntryKey(): string | null {
  return (window as Window & { navigation?: NavigationEntries }).navigation?.currentEntry?.key ?? null;
}

function onGuardEntry(): boolean {
  return guardEntry !== null && currentEntryKey() === guardEntry.key && window.location.href === guardEntry.href;
}

function holdGuardEntry() {
  clearTimeout(pendingDrop);
  if (onGuardEntry() || currentEntryKey() === null) return;
  window.history.pushState(null, "");
  const key = currentEntryKey();
  guardEntry = key ? { key, href: window.location.href } : null;
}

/** Takes the guard entry off the history (when it is the current one), then runs `then`. */
function dropGuardEntry(then?: () => void) {
  clearTimeout(pendingDrop);
  const onIt = onGuardEntry();
  guardEntry = null;
  if (!onIt) {
    then?.();
    return;
  }
  if (then) window.addEventListener("popstate", then, { once: true });
  window.history.back();
}

function linkOf(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.target === "_blank" || anchor.hasAttribute("download")) return null;
  return anchor;
}

export type LeaveGuardText = {
  title: string;
  description: string;
  stayLabel: string;
  leaveLabel: string;
};

/**
 * While `active`, leaving the page by a link, by "back" or by closing the tab asks first, with `text`.
 * `release(then)` ends the guard before the page itself moves on (e.g. after "I've saved it"), then
 * runs `then` once the guard's history entry is gone.
 */
export function useLeaveGuard({ active, ...text }: { active: boolean } & LeaveGuardText) {
  const router = useRouter();
  const [leave, setLeave] = useState<(() => void) | null>(null);
  const detach = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!active) return;
    const href = window.location.href;
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
    const onPopState = () => {
      // Only "back" from the guard entry to this page's own entry; anything else already left.
      if (guardEntry === null || onGuardEntry() || window.location.href !== href) return;
      guardEntry = null;
      holdGuardEntry();
      // The entry is back on top, so leaving takes two steps: off it, then to the page before.
      setLeave(() => () => window.history.back());
    };
    holdGuardEntry();
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("popstate", onPopState);
    document.addEventListener("click", onClick, true);
    detach.current = () => {
      detach.current = null;
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("popstate", onPopState);
      document.removeEventListener("click", onClick, true);
    };
    return () => {
      detach.current?.();
      // Deferred: a guard that takes over on the same page (the reveal after the form) keeps the entry.
      pendingDrop = setTimeout(() => dropGuardEntry(), 0);
    };
  }, [active, router]);

  const release = useCallback((then?: () => void) => {
    detach.current?.();
    dropGuardEntry(then);
  }, []);

  const dialog = (
    <ConfirmDialog
      open={leave !== null}
      onOpenChange={(open) => {
        if (!open) setLeave(null);
      }}
      title={text.title}
      description={text.description}
    >
      <div className="flex flex-col-reverse justify-end gap-2 sm:flex-row">
        <ConfirmCancel asChild>
          <Button variant="secondary">{text.stayLabel}</Button>
        </ConfirmCancel>
        <Button
          variant="danger"
          onClick={() => {
            const go = leave;
            setLeave(null);
            if (go) release(go);
          }}
        >
          {text.leaveLabel}
        </Button>
      </div>
    </ConfirmDialog>
  );
  return { dialog, release };
}
