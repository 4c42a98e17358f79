"use client";
import { ShieldAlert, ShieldCheck } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { Button } from "@/components/ui/button";
import { verifyAuditChainAction } from "@/lib/actions/verify-audit-chain";

/** "Verify integrity": checks the whole chain in the server and says what it found, in a live region. */
export function VerifyIntegrity() {
  const { execute, isPending, result } = useAction(verifyAuditChainAction);
  const answer = result.data;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" onClick={() => execute({})} disabled={isPending}>
        {isPending ? "Verifying…" : "Verify integrity"}
      </Button>
      <div role="status" className="text-sm">
        {answer ? (
          <span className={`flex items-center gap-1.5 ${answer.ok ? "text-success" : "text-danger"}`}>
            {answer.ok ? <ShieldCheck aria-hidden className="size-4" /> : <ShieldAlert aria-hidden className="size-4" />}
            {answer.message}
            {answer.detail ? <span className="text-fg-muted"> {answer.detail}</span> : null}
          </span>
        ) : result.serverError ? (
          <span className="text-danger">{result.serverError}</span>
        ) : null}
      </div>
    </div>
  );
}
