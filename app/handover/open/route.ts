// Opens a handover link (lib/handover/open.ts): the page posts the token it read from the link's
// fragment. Public (the holder of the link needs no account), so it guards itself: same-origin JSON
// only (a form or another site cannot post here), a per-address limit on attempts, and never cached.
import { publicOrigin } from "@/lib/auth/public-origin";
import { clientIp, requestOrigin } from "@/lib/auth/request-origin";
import { signInThrottle } from "@/lib/auth/sign-in-throttle";
import { HANDOVER_REFUSALS } from "@/lib/handover/messages";
import { openHandover } from "@/lib/handover/open";
import { openHandoverSchema } from "@/lib/validation/handover";

export const dynamic = "force-dynamic";

const HEADERS = { "cache-control": "no-store" };

function refusal(status: number, message: string) {
  return Response.json({ outcome: "refused", message }, { status, headers: HEADERS });
}

export async function POST(request: Request) {
  if (request.headers.get("origin") !== publicOrigin(request.headers)) return refusal(403, "Open the link itself in your browser.");
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) return refusal(415, "Send JSON.");
  const allowed = await signInThrottle.handoverAddress.consume(clientIp(request.headers) ?? "unknown").then(
    () => true,
    () => false,
  );
  if (!allowed) return refusal(429, "Too many attempts from this address. Wait 15 minutes, then try again.");
  const body = openHandoverSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return refusal(400, HANDOVER_REFUSALS.invalid.title);

  const opening = await openHandover(body.data.token, requestOrigin(request.headers));
  if (opening.outcome === "opened") return Response.json(opening, { headers: HEADERS });
  // Every refusal has one status and one shape; only the reason differs, and none carries the secret.
  return Response.json({ outcome: opening.outcome, message: HANDOVER_REFUSALS[opening.outcome].title }, { status: 410, headers: HEADERS });
}
