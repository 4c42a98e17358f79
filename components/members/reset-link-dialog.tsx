"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyableField } from "@/components/ui/copyable-field";
import { Dialog, DialogClose, DialogFooter } from "@/components/ui/dialog";
import { createResetLinkAction } from "@/lib/actions/create-reset-link";

type Member = { id: string; name: string; email: string };

/** An Owner or Admin makes a one-time reset link for a member and passes it on themselves. */
export function ResetLinkDialog({ member }: { member: Member }) {
  const [open, setOpen] = useState(false);
  const { execute, isPending, result, reset } = useAction(createResetLinkAction);
  const link = result.data?.link;
  const error = result.serverError ?? result.validationErrors?.formErrors?.[0];
  return (
    <Dialog
      trigger={
        <Button variant="secondary" aria-label={`Create reset link for ${member.name}`}>
          Create reset link
        </Button>
      }
      open={open}
      onOpenChange={(next) => {
        // The link lives only in this dialog's state: closing it forgets it.
        if (next) reset();
        setOpen(next);
      }}
      title={`Reset link for ${member.name}`}
      description={`A link that lets ${member.email} choose a new password. It works once, for 15 minutes, and signs them out everywhere. Send it to them yourself, over a channel you trust.`}
    >
      {link ? (
        <div className="space-y-4">
          <CopyableField label="Reset link" value={link} toastMessage="Reset link copied" />
          <div className="flex justify-end">
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          <p className="text-sm">Any earlier link for this member stops working.</p>
          <DialogFooter
            error={error}
            actionLabel="Create reset link"
            pendingLabel="Creating…"
            pending={isPending}
            onAction={() => execute({ membershipId: member.id })}
          />
        </div>
      )}
    </Dialog>
  );
}
