"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { declineAccessRequestAction } from "@/lib/actions/decline-access-request";
import { DECLINE_MESSAGE_MAX } from "@/lib/validation/access-requests";

/** "Decline", with a message for the requester (sent by email when mail is set up). */
export function DeclineRequest({ requestId, requester }: { requestId: string; requester: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");
  const { execute, isPending, result, reset } = useAction(declineAccessRequestAction, {
    onSuccess: () => {
      setOpen(false);
      toast.success(`Declined the request of ${requester}.`);
      router.refresh();
    },
  });
  return (
    <Dialog
      trigger={<Button variant="secondary">Decline</Button>}
      open={open}
      onOpenChange={(next) => {
        if (next) reset();
        setOpen(next);
      }}
      title="Decline this request?"
      description={`${requester} gets no key. Your message is kept with the request and sent to them when email is set up here.`}
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          execute({ requestId, message });
        }}
      >
        <Field label="Message" errors={result.validationErrors?.fieldErrors?.message} hint="Optional: why, or what to ask for instead.">
          <textarea
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            maxLength={DECLINE_MESSAGE_MAX}
            rows={4}
            className="block w-full rounded-md border border-border bg-surface px-3 py-2 text-sm text-fg focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent aria-invalid:border-danger"
          />
        </Field>
        <DialogFooter error={result.serverError} actionLabel="Decline" pendingLabel="Declining…" pending={isPending} />
      </form>
    </Dialog>
  );
}
