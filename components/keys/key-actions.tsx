"use client";
import { RefreshCw, Trash2, XCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { useConfirmedAction } from "@/components/auth/step-up";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, ConfirmFooter, Dialog, DialogClose } from "@/components/ui/dialog";
import { focusPageHeading } from "@/components/ui/focus-heading";
import { FormError } from "@/components/ui/form-error";
import { RadioCards } from "@/components/ui/radio-cards";
import { deleteKeyAction } from "@/lib/actions/delete-key";
import { revokeKeyAction } from "@/lib/actions/revoke-key";
import { rotateKeyAction } from "@/lib/actions/rotate-key";
import { ROTATION_GRACE, type RotationGrace } from "@/lib/validation/keys";
import { RevealSecret } from "./reveal-secret";

type Key = { id: string; name: string; masked: string };

/**
 * `canRotate` false (the key is already rotating) shows no button. The page passes it rather than
 * leaving this component out: if the page is re-rendered while the new secret is shown (a revalidation
 * or router.refresh), the old key is by then rotating, and unmounting this component would close the
 * dialog and lose the secret before anyone saw it. So it stays mounted while it shows one.
 */
export function RotateKeyButton({ keyRecord, canRotate = true }: { keyRecord: Key; canRotate?: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [grace, setGrace] = useState<RotationGrace>("24h");
  const [revealed, setRevealed] = useState<{ keyId: string; secret: string } | null>(null);
  const { execute, isPending, result, reset } = useConfirmedAction(rotateKeyAction, {
    onSuccess: ({ data }) => {
      if (data) setRevealed({ keyId: data.keyId, secret: data.secret });
    },
  });

  function finish() {
    const next = revealed?.keyId;
    setRevealed(null);
    setOpen(false);
    if (next) {
      router.push(`/keys/${next}`);
      focusPageHeading(`/keys/${next}`);
    }
  }

  function openChange(next: boolean) {
    // While the new secret is shown, only "Done" closes the dialog: closing by accident would lose it.
    if (revealed) return;
    if (next) {
      reset();
      setGrace("24h");
    }
    setOpen(next);
  }

  if (!canRotate && !revealed) return null;
  return (
    <Dialog
      trigger={
        <Button variant="secondary" className={canRotate ? undefined : "hidden"}>
          <RefreshCw aria-hidden className="size-4" />
          Rotate
        </Button>
      }
      open={open}
      onOpenChange={openChange}
      dismissible={!revealed}
      title={revealed ? "Save your new secret key" : `Rotate ${keyRecord.name}`}
      description={
        revealed
          ? "The new key has the same name, access and expiration policy. Replace the old key wherever it is used."
          : `A new key replaces ${keyRecord.masked}. The old key keeps working for the time you choose, so you can deploy the new one without downtime.`
      }
    >
      {revealed ? (
        <RevealSecret
          keyId={revealed.keyId}
          secret={revealed.secret}
          name={keyRecord.name}
          apiBaseUrl={window.location.origin}
          onDone={finish}
        />
      ) : (
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            execute({ keyId: keyRecord.id, grace });
          }}
        >
          <RadioCards
            label="Old key keeps working"
            value={grace}
            onValueChange={setGrace}
            options={Object.entries(ROTATION_GRACE).map(([value, { label }]) => ({
              value: value as RotationGrace,
              label,
              description:
                value === "immediately"
                  ? "The old key stops working as soon as the new one exists."
                  : `The old key stops working ${label} after rotation.`,
            }))}
          />
          <FormError message={result.serverError ?? result.validationErrors?.fieldErrors?.grace?.[0]} />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={isPending}>
              {isPending ? "Rotating…" : "Rotate key"}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** A predecessor of the key, in its grace period: revoking the key revokes it too. */
export type AlsoRevoked = { masked: string; worksUntil: string };

export function RevokeKeyButton({ keyRecord, alsoRevokes = [] }: { keyRecord: Key; alsoRevokes?: AlsoRevoked[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  // After a revocation the Revoke button is gone, so focus goes to the key's heading instead.
  const revoked = useRef(false);
  const { execute, isPending, result, reset } = useConfirmedAction(revokeKeyAction, {
    onSuccess: () => {
      revoked.current = true;
      const previous = alsoRevokes.map((key) => key.masked).join(", ");
      toast.success(
        alsoRevokes.length
          ? `${keyRecord.name} was revoked. Its previous ${alsoRevokes.length === 1 ? "key" : "keys"} ${previous} stopped working too.`
          : `${keyRecord.name} was revoked.`,
      );
      setOpen(false);
      router.refresh();
    },
  });
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger">
          <XCircle aria-hidden className="size-4" />
          Revoke
        </Button>
      }
      open={open}
      onOpenChange={(next) => {
        if (next) {
          reset();
          setReason("");
        }
        setOpen(next);
      }}
      onCloseAutoFocus={(event) => {
        if (!revoked.current) return;
        event.preventDefault();
        focusPageHeading();
      }}
      title={`Revoke ${keyRecord.name}?`}
      description={`${keyRecord.masked} stops working immediately: every request made with it is refused from now on. This cannot be undone.`}
    >
      <div className="space-y-4">
        {alsoRevokes.length ? (
          <ul className="space-y-1 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
            {alsoRevokes.map((previous) => (
              <li key={previous.masked}>
                This also revokes the previous key <span className="font-mono">{previous.masked}</span> that still works until{" "}
                {previous.worksUntil}.
              </li>
            ))}
          </ul>
        ) : null}
        <div className="space-y-1.5">
          <label htmlFor="revoke-reason" className="block text-sm font-medium">
            Reason (optional)
          </label>
          <textarea
            id="revoke-reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            maxLength={500}
            rows={2}
            className="block w-full rounded-md border border-border bg-surface px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-accent"
          />
          <p className="text-xs text-fg-muted">Recorded in the audit log.</p>
        </div>
        <ConfirmFooter
          error={result.serverError ?? result.validationErrors?.fieldErrors?.reason?.[0]}
          confirmLabel="Revoke key"
          pendingLabel="Revoking…"
          pending={isPending}
          onConfirm={() => execute({ keyId: keyRecord.id, reason })}
        />
      </div>
    </ConfirmDialog>
  );
}

export function DeleteKeyButton({ keyRecord }: { keyRecord: Key }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { execute, isPending, result, reset } = useConfirmedAction(deleteKeyAction, {
    onSuccess: () => {
      toast.success(`${keyRecord.name} was deleted.`);
      router.replace("/keys");
      focusPageHeading("/keys");
    },
  });
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary">
          <Trash2 aria-hidden className="size-4" />
          Delete
        </Button>
      }
      open={open}
      onOpenChange={(next) => {
        if (next) reset();
        setOpen(next);
      }}
      title={`Delete ${keyRecord.name}?`}
      description="The key disappears from the list. Its audit events stay in the audit log."
    >
      <div className="space-y-4">
        <ConfirmFooter
          error={result.serverError}
          confirmLabel="Delete key"
          pendingLabel="Deleting…"
          pending={isPending}
          onConfirm={() => execute({ keyId: keyRecord.id })}
        />
      </div>
    </ConfirmDialog>
  );
}
