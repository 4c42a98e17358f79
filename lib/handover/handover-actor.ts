import type { AuditActor } from "@/lib/audit/types";

/** Who opens a link, for the audit log: nobody signed in, only someone holding the link (the address is in the event's origin). */
export const HANDOVER_OPENER: AuditActor = { type: "system", label: "Someone with the handover link" };

/** Who records an expiry: the server, on its sweep or when an expired link is tried. */
export const HANDOVER_EXPIRY: AuditActor = { type: "system", label: "Keysmith" };
