"use client";
import { startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, ConfirmFooter, Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { finishPasskeyRegistrationAction } from "@/lib/actions/finish-passkey-registration";
import { removePasskeyAction } from "@/lib/actions/remove-passkey";
import { startPasskeyRegistrationAction } from "@/lib/actions/start-passkey-registration";
import { formatDate } from "@/lib/format";
import { RecoveryCodes } from "./recovery-codes";

type Passkey = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export function Passkeys({ passkeys }: { passkeys: Passkey[] }) {
  return (
    <section aria-labelledby="passkeys-title" className="space-y-3">
      <h2 id="passkeys-title" className="text-lg font-semibold">
        Passkeys
      </h2>
      <p className="text-sm text-fg-muted">
        After your password, sign-in can ask for a passkey instead of a code: your device&apos;s fingerprint, face or PIN, or a security
        key.
      </p>
      {passkeys.length ? (
        <ul aria-label="Your passkeys" className="divide-y divide-border rounded-md border border-border">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <div>
                <div className="font-medium">{passkey.name}</div>
                <div className="text-fg-muted">
                  Added {formatDate(passkey.createdAt)}
                  {passkey.lastUsedAt ? ` · last used ${formatDate(passkey.lastUsedAt)}` : " · not used yet"}
                </div>
              </div>
              <RemovePasskey passkey={passkey} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm">No passkey yet.</p>
      )}
      <AddPasskey />
    </section>
  );
}

function AddPasskey() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  async function add() {
    setPending(true);
    setError(undefined);
    setFieldError(undefined);
    try {
      const started = await startPasskeyRegistrationAction();
      if (!started?.data) return setError(started?.serverError ?? "The passkey could not be added. Try again.");
      let response: Awaited<ReturnType<typeof startRegistration>>;
      try {
        response = await startRegistration({ optionsJSON: started.data.options });
      } catch {
        return setError("The passkey was not created (cancelled, or this device has none). Nothing was changed.");
      }
      const finished = await finishPasskeyRegistrationAction({ ceremonyId: started.data.ceremonyId, name, response });
      const nameError = finished?.validationErrors?.fieldErrors?.name?.[0];
      if (nameError) return setFieldError(nameError);
      if (!finished?.data) return setError(finished?.serverError ?? "The passkey could not be added. Try again.");
      toast.success(`Passkey “${name.trim()}” added.`);
      if (finished.data.recoveryCodes) setRecoveryCodes(finished.data.recoveryCodes);
      else {
        setOpen(false);
        router.refresh();
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      trigger={<Button>Add a passkey</Button>}
      open={open}
      onOpenChange={(next) => {
        if (next) {
          setName("");
          setError(undefined);
          setFieldError(undefined);
          setRecoveryCodes(null);
        }
        setOpen(next);
      }}
      title="Add a passkey"
      description="Name it after the device or key it lives on, so you can tell them apart later."
    >
      {recoveryCodes ? (
        <RecoveryCodes
          codes={recoveryCodes}
          onDone={() => {
            setOpen(false);
            router.refresh();
          }}
        />
      ) : (
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!name.trim()) return setFieldError("Enter a passkey name.");
            void add();
          }}
        >
          <Field label="Passkey name" errors={fieldError ? [fieldError] : undefined}>
            <Input value={name} onChange={(event) => setName(event.target.value)} maxLength={60} placeholder="e.g. Work laptop" />
          </Field>
          <DialogFooter error={error} actionLabel="Add passkey" pendingLabel="Waiting for the passkey…" pending={pending} />
        </form>
      )}
    </Dialog>
  );
}

function RemovePasskey({ passkey }: { passkey: Passkey }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { execute, isPending, result, reset } = useAction(removePasskeyAction, {
    onSuccess: () => {
      toast.success(`Passkey “${passkey.name}” removed.`);
      setOpen(false);
      router.refresh();
    },
  });
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" aria-label={`Remove passkey ${passkey.name}`}>
          Remove
        </Button>
      }
      open={open}
      onOpenChange={(next) => {
        if (next) reset();
        setOpen(next);
      }}
      title={`Remove the passkey “${passkey.name}”?`}
      description="Sign-in will no longer accept it. Remove it from the device too if you no longer use it."
    >
      <ConfirmFooter
        error={result.serverError}
        confirmLabel="Remove passkey"
        pendingLabel="Removing…"
        pending={isPending}
        onConfirm={() => execute({ passkeyId: passkey.id })}
      />
    </ConfirmDialog>
  );
}
