"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { confirmIdentityAction } from "@/lib/actions/confirm-identity";
import type { ConfirmationMethods } from "@/lib/auth/confirm-identity";

type Method = "password" | "code";

/** How the code option is named and explained: only for the kinds of code this person has. */
function codeWording({ authenticator, recoveryCode }: ConfirmationMethods): { switchLabel: string; hint: string } | null {
  if (authenticator && recoveryCode)
    return {
      switchLabel: "Use an authenticator or recovery code",
      hint: "The 6-digit code your authenticator app shows for Keysmith, or one of your recovery codes.",
    };
  if (authenticator)
    return { switchLabel: "Use an authenticator code", hint: "The 6-digit code your authenticator app shows for Keysmith." };
  if (recoveryCode) return { switchLabel: "Use a recovery code", hint: "One of the recovery codes you saved. Each works once." };
  return null;
}

/**
 * "Confirm it's you": the password again, or (for a person who has one) a code from the authenticator
 * app or a recovery code. Opened by StepUpProvider when the server refuses a sensitive action; the
 * provider sends it again.
 */
export function ConfirmIdentityDialog({
  methods,
  open,
  returnFocusTo,
  onConfirmed,
  onCancel,
}: {
  methods: ConfirmationMethods;
  open: boolean;
  returnFocusTo: HTMLElement | null;
  onConfirmed: () => void;
  onCancel: () => void;
}) {
  const [method, setMethod] = useState<Method>("password");
  const { execute, isPending, result, reset } = useAction(confirmIdentityAction, { onSuccess: onConfirmed });
  const fieldErrors = result.validationErrors?.fieldErrors as Partial<Record<Method, string[]>> | undefined;
  const code = codeWording(methods);

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
      description={`This change is sensitive, and you last confirmed a while ago. Enter your password${code ? " or a code" : ""} to go on.`}
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
        {method === "password" || !code ? (
          <Field label="Password" errors={fieldErrors?.password}>
            <Input name="password" type="password" autoComplete="current-password" maxLength={256} required autoFocus />
          </Field>
        ) : (
          <Field label="Code" errors={fieldErrors?.code} hint={code.hint}>
            <Input name="code" autoComplete="one-time-code" spellCheck={false} maxLength={64} required autoFocus />
          </Field>
        )}
        {code ? (
          <Button variant="ghost" className="w-full" onClick={switchMethod}>
            {method === "password" ? code.switchLabel : "Use your password"}
          </Button>
        ) : null}
        <DialogFooter error={result.serverError} actionLabel="Confirm" pendingLabel="Confirming…" pending={isPending} />
      </form>
    </Dialog>
  );
}
