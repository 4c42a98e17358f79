// Next reads the client router's state from the `Next-Router-State-Tree` header on RSC requests and
// throws on one it cannot parse, which a signed-in visitor then sees as a 500. The header is the
// client's own words, so a malformed one is the client's error: this server answers 400 before Next
// sees it. Next's own parser decides what "malformed" means, so the two never disagree. It is checked
// whatever the other headers say (not only with `RSC: 1`): a browser never sends one Next cannot read,
// so no real client loses anything, and no combination of headers can carry one past the check.
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state.js";

export const ROUTER_STATE_HEADER = "next-router-state-tree";

/** Whether Next can read the router-state header (an absent one is fine: a plain page load). */
export function routerStateIsReadable(header: string | string[] | undefined): boolean {
  try {
    parseAndValidateFlightRouterState(header);
    return true;
  } catch {
    return false;
  }
}
