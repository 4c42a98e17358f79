// "Verify integrity" on /audit: the whole chain checked against the audit key and the signed
// checkpoints, in the words the page shows, and the check itself recorded, so the log says who looked
// and what they were told.
import { db } from "@/lib/db";
import { appendAuditEvent } from "./append";
import type { AuditActor, RequestOrigin } from "./types";
import type { ChainVerification } from "./verify";
import { verifyAuditChain } from "./verify-workspace";

export type VerificationAnswer = { ok: boolean; message: string; detail: string | null };

export function describeVerification(result: ChainVerification): VerificationAnswer {
  if (result.ok) {
    const sealed = result.checkpointSeq ? `, sealed by the signed checkpoint at event ${result.checkpointSeq}` : "";
    return { ok: true, message: `Chain intact through event ${result.throughSeq}${sealed}.`, detail: null };
  }
  const after = result.kind === "truncated" && result.checkpointSeq ? ` after checkpoint ${result.checkpointSeq}` : "";
  return { ok: false, message: `Chain broken at event ${result.brokenAtSeq}: ${result.kind}${after}.`, detail: result.detail };
}

type Request = { workspaceId: string; workspaceName: string; actor: AuditActor; origin: RequestOrigin };

export async function verifyOnRequest(request: Request): Promise<VerificationAnswer> {
  const answer = describeVerification(await verifyAuditChain(request.workspaceId, "all"));
  await db.$transaction((tx) =>
    appendAuditEvent(tx, {
      workspaceId: request.workspaceId,
      actor: request.actor,
      action: "audit.verified",
      target: { type: "workspace", id: request.workspaceId, label: request.workspaceName },
      metadata: { result: answer.message },
      origin: request.origin,
    }),
  );
  return answer;
}
