"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cancelHandoverLinkAction } from "@/lib/actions/cancel-handover-link";

/** Cancels a pending handover link at once: nothing is lost that a new link from a rotation cannot give back. */
export function CancelHandoverButton({ handoverId, context }: { handoverId: string; context: string }) {
  const router = useRouter();
  const { execute, isPending } = useAction(cancelHandoverLinkAction, {
    onSuccess: () => {
      toast.success("The handover link was cancelled. Opening it now reveals nothing.");
      router.refresh();
    },
    onError: ({ error }) => {
      toast.error(error.serverError ?? "The link could not be cancelled.");
      router.refresh();
    },
  });
  return (
    <Button variant="secondary" disabled={isPending} onClick={() => execute({ handoverId })}>
      {isPending ? "Cancelling…" : "Cancel link"}
      <span className="sr-only">{` ${context}`}</span>
    </Button>
  );
}
