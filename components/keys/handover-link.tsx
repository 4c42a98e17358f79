"use client";
import { Link2 } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { CopyableField } from "@/components/ui/copyable-field";
import { FormError } from "@/components/ui/form-error";
import { createHandoverLinkAction } from "@/lib/actions/create-handover-link";
import { formatDateTime } from "@/lib/format";

/**
 * In the reveal panel: makes a one-time link to the secret for someone else (a teammate who deploys
 * it), so the secret need not travel in a chat message. The secret goes to the server once, sealed
 * there under the link's token; the link lives only in this component's state.
 */
export function HandoverLink({ keyId, secret, onCreated }: { keyId: string; secret: string; onCreated?: () => void }) {
  const id = useId();
  const { execute, isPending, result } = useAction(createHandoverLinkAction, { onSuccess: () => onCreated?.() });
  const created = result.data;
  const error = result.serverError ?? result.validationErrors?.formErrors?.[0];

  if (!created) {
    return (
      <div className="space-y-2 rounded-md border border-border p-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-fg-muted">Someone else deploys it? Send them a link that shows the secret once.</p>
          <Button variant="secondary" disabled={isPending} onClick={() => execute({ keyId, secret })}>
            <Link2 aria-hidden className="size-4" />
            {isPending ? "Creating…" : "Create handover link"}
          </Button>
        </div>
        <FormError message={error} />
      </div>
    );
  }
  return (
    <div className="space-y-1.5 rounded-md border border-border p-3">
      <CopyableField
        label="Handover link"
        value={created.link}
        copyLabel="Copy link"
        toastMessage="Handover link copied"
        describedBy={`${id}-about`}
      />
      <p id={`${id}-about`} className="text-xs text-fg-muted">
        Shows the secret once, to whoever opens it first, until {formatDateTime(new Date(created.expiresAt))}. The key&apos;s page says
        whether it was opened, and can cancel it.
      </p>
    </div>
  );
}
