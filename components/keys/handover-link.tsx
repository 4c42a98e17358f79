"use client";
import { Link2 } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
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
  const inputRef = useRef<HTMLInputElement>(null);
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
      <label htmlFor={`${id}-link`} className="block text-sm font-medium">
        Handover link
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={inputRef}
          id={`${id}-link`}
          readOnly
          value={created.link}
          aria-describedby={`${id}-about`}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
          className="block w-full min-w-0 rounded-md border border-border bg-muted px-2 py-2 font-mono text-xs text-fg focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent"
        />
        <CopyButton
          text={created.link}
          label="Copy link"
          toastMessage="Handover link copied"
          onFailure={() => inputRef.current?.select()}
        />
      </div>
      <p id={`${id}-about`} className="text-xs text-fg-muted">
        Shows the secret once, to whoever opens it first, until {formatDateTime(new Date(created.expiresAt))}. The key&apos;s page says
        whether it was opened, and can cancel it.
      </p>
    </div>
  );
}
