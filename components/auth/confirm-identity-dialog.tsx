"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { confirmIdentityAction } from "@/lib/actions/confirm-identity";

type Method = "password" | "code";

/**
 * "Confirm it's you": the password again, or a code from the authenticator app or a recovery code.
 * Opened by StepUpProvider when the server refuses a sensitive action; the provider sends it again.
 */
export function ConfirmIdentityDialog({
  open,
  returnFocusTo,
  onConfirmed,
  onCancel,
}: {
  open: boolean;
  returnFocusTo: HTMLElement | null;
  onConfirmed: () => void;
  onCancel: () => void;
}) {
  const [method, setMethod] = useState<Method>("password");
  const { execute, isPending, result, reset } = useAction(confirmIdentityAction, { onSuccess: onConfirmed });
  const fieldErrors = result.validationErrors?.fieldErrors as Partial<Record<Method, string[]>> | undefined;

  function switchMethod() {
    reset();
    setMethod(method === "password" ? "code" : "password");
  }

  return (
    <Dialog
      open={open}
      returnFocusTo={returnFocusTo}
      onOpenChange={(next) => {
        if (next) return;
        reset();
        setMethod("password");
        onCancel();
      }}
      title="Confirm it's you"
      description="This change is sensitive, and you last confirmed a while ago. Enter your password or a code to go on."
    >
      <form
        className="space-y-4"
        noValidate
        // A fresh form per method and per opening: nothing typed before is sent again.
        key={`${method}-${open}`}
        onSubmit={(event) => {
          event.preventDefault();
          const value = String(new FormData(event.currentTarget).get(method) ?? "");
          execute(method === "password" ? { method, password: value } : { method, code: value });
        }}
      >
        {method === "password" ? (
          <Field label="Password" errors={fieldErrors?.password}>
            <Input name="password" type="password" autoComplete="current-password" maxLength={256} required autoFocus />
          </Field>
        ) : (
          <Field
            label="Code"
            errors={fieldErrors?.code}
            hint="The 6-digit code your authenticator app shows for Keysmith, or one of your recovery codes."
          >
            <Input name="code" autoComplete="one-time-code" spellCheck={false} maxLength={64} required autoFocus />
          </Field>
        )}
        <Button variant="ghost" className="w-full" onClick={switchMethod}>
          {method === "password" ? "Use an authenticator or recovery code" : "Use your password"}
        </Button>
        <DialogFooter error={result.serverError} actionLabel="Confirm" pendingLabel="Confirming…" pending={isPending} />
      </form>
    </Dialog>
  );
}
