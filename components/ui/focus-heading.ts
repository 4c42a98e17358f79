// After an action that ends with a navigation or removes the button that had focus (saving a secret,
// rotating, revoking), focus would fall back to the page body and a keyboard or screen-reader user
// would start again from the top. This moves it to the page's heading instead.

const GIVE_UP_AFTER_MS = 10_000;

function focusHeadingNow(path: string | undefined): boolean {
  if (path !== undefined && window.location.pathname !== path) return false;
  const heading = document.querySelector<HTMLElement>("main h1");
  if (!heading) return false;
  // Someone who already moved on (clicked or tabbed elsewhere) keeps their place.
  const active = document.activeElement;
  if (active && active !== document.body && active !== heading) return true;
  // -1: focusable by script only, so the heading does not become a Tab stop.
  heading.tabIndex = -1;
  heading.focus();
  return true;
}

/**
 * Focuses the page's `<h1>` once the page at `path` is shown (at once when `path` is omitted or
 * already shown): App Router navigations finish later than the click that starts them.
 */
export function focusPageHeading(path?: string): void {
  if (focusHeadingNow(path)) return;
  const observer = new MutationObserver(() => {
    if (focusHeadingNow(path)) stop();
  });
  const timer = window.setTimeout(() => stop(), GIVE_UP_AFTER_MS);
  function stop() {
    observer.disconnect();
    window.clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
}
