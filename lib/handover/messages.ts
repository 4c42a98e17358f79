// What the handover page says when a link reveals nothing. Plain data: the page (client) and the open
// endpoint share it, so the answer and what is shown cannot drift apart.
import type { HandoverRefusal } from "./open";

export const HANDOVER_REFUSALS: Record<HandoverRefusal, { title: string; detail: string }> = {
  used: {
    title: "This link was already used",
    detail: "A handover link shows its secret once, to whoever opens it first. Ask the person who sent it for a new link.",
  },
  expired: {
    title: "This link has expired",
    detail: "Handover links work for 24 hours. Ask the person who sent it for a new link.",
  },
  cancelled: {
    title: "This link was cancelled",
    detail: "The person who made it cancelled it before it was opened. Ask them for a new link.",
  },
  invalid: {
    title: "This link is not valid",
    detail: "Check that you copied all of it, including everything after the #. If it still does not work, ask for a new link.",
  },
};
