"use client";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { revokeInvitationAction } from "@/lib/actions/revoke-invitation";

/** Ends a pending invitation at once: its link stops working. A new one can be made any time. */
export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const { execute, isPending } = useAction(revokeInvitationAction, {
    onSuccess: () => toast.success(`The invitation for ${email} was revoked. Its link no longer works.`),
    onError: ({ error }) => toast.error(error.serverError ?? "The invitation could not be revoked."),
  });
  return (
    <Button
      variant="secondary"
      disabled={isPending}
      aria-label={`Revoke invitation for ${email}`}
      onClick={() => execute({ invitationId })}
    >
      Revoke invitation
    </Button>
  );
}
