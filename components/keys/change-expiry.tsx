"use client";
import { CalendarClock } from "lucide-react";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { changeKeyExpiryAction } from "@/lib/actions/change-key-expiry";
import { formatDate } from "@/lib/format";
import { endOfUtcDay, latestExpiryDate, utcDate } from "@/lib/validation/keys";

type Key = { id: string; name: string; masked: string; expiresAt: Date | null };

/** Moves a live key's expiry: earlier freely, later up to one year from today (the server decides). */
export function ChangeExpiryButton({ keyRecord }: { keyRecord: Key }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [expiresOn, setExpiresOn] = useState("");
  const { execute, isPending, result, reset } = useAction(changeKeyExpiryAction, {
    onSuccess: () => {
      toast.success(`${keyRecord.name} now expires on ${formatDate(endOfUtcDay(expiresOn))}.`);
      setOpen(false);
      router.refresh();
    },
  });
  const today = utcDate(new Date());
  return (
    <Dialog
      trigger={
        <Button variant="secondary">
          <CalendarClock aria-hidden className="size-4" />
          Change expiry
        </Button>
      }
      open={open}
      onOpenChange={(next) => {
        if (next) {
          reset();
          setExpiresOn(keyRecord.expiresAt ? utcDate(keyRecord.expiresAt) : "");
        }
        setOpen(next);
      }}
      title={`Change the expiry of ${keyRecord.name}`}
      description={`${keyRecord.masked} ${keyRecord.expiresAt ? `expires on ${formatDate(keyRecord.expiresAt)}` : "never expires"}. It can expire earlier at any time, or later up to one year from today. The key stops working at the end of the chosen day (UTC).`}
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          execute({ keyId: keyRecord.id, expiresOn });
        }}
      >
        <Field label="New expiry date" errors={result.validationErrors?.fieldErrors?.expiresOn}>
          <Input
            type="date"
            required
            min={today}
            max={latestExpiryDate()}
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.target.value)}
          />
        </Field>
        <FormError message={result.serverError} />
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" disabled={isPending}>
            {isPending ? "Saving…" : "Save expiry"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
